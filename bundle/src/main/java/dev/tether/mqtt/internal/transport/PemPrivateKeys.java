package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM private key with BouncyCastle: PKCS#8, PKCS#1 (RSA) and SEC1 (EC), each plain or
 * encrypted. Only loaded when a client key is configured, so plain TLS runs without BouncyCastle.
 */
final class PemPrivateKeys {

    /** BouncyCastle's provider, handed to the decryptors only: never registered with the JVM. */
    private static final class LazyProvider {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }

    private PemPrivateKeys() {
    }

    static PrivateKey read(Path file, char[] password) throws TransportException {
        String content = new String(PemFiles.read("ssl_key", file), StandardCharsets.US_ASCII);
        Object item = firstKeyItem(file, content);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            requirePassword(file, password);
            if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(LazyProvider.INSTANCE).build(password)));
            }
            PEMEncryptedKeyPair encrypted = (PEMEncryptedKeyPair) item;
            return converter.getKeyPair(encrypted.decryptKeyPair(
                new JcePEMDecryptorProviderBuilder().setProvider(LazyProvider.INSTANCE).build(password))).getPrivate();
        } catch (PKCSException | OperatorCreationException | PEMException e) {
            throw new TransportException("ssl_key '" + file + "': cannot decrypt it with ssl_key_pass"
                + " (wrong password?)");
        } catch (IOException | RuntimeException e) {
            throw new TransportException("ssl_key '" + file + "': not a usable private key (" + e.getMessage() + ")");
        }
    }

    private static Object firstKeyItem(Path file, String content) throws TransportException {
        try (PEMParser parser = new PEMParser(new StringReader(content))) {
            // a SEC1 file may start with an EC PARAMETERS block: skip what is not a key
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo || item instanceof PEMKeyPair
                        || item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
                    return item;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TransportException("ssl_key '" + file + "': not a PEM private key (" + e.getMessage() + ")");
        }
        throw new TransportException("ssl_key '" + file + "': not a PEM private key (no PRIVATE KEY block)");
    }

    private static void requirePassword(Path file, char[] password) throws TransportException {
        if (password.length == 0) {
            throw new TransportException("ssl_key '" + file + "': the key is encrypted; set ssl_key_pass");
        }
    }
}
