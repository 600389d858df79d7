package dev.tether.mqtt.testing;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads a private key PEM file back with BouncyCastle, whatever form it is in. */
final class PemKeys {

    private PemKeys() {
    }

    static PrivateKey read(Path file, String password) throws Exception {
        Object parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            parsed = pem.readObject();
        }
        PrivateKeyInfo info;
        if (parsed instanceof PrivateKeyInfo) {
            info = (PrivateKeyInfo) parsed;
        } else if (parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            info = ((PKCS8EncryptedPrivateKeyInfo) parsed).decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(password.toCharArray()));
        } else if (parsed instanceof PEMKeyPair) {
            info = ((PEMKeyPair) parsed).getPrivateKeyInfo();
        } else if (parsed instanceof PEMEncryptedKeyPair) {
            info = ((PEMEncryptedKeyPair) parsed).decryptKeyPair(
                new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(password.toCharArray())).getPrivateKeyInfo();
        } else {
            throw new IllegalArgumentException(file + " holds no private key but " + parsed);
        }
        return new JcaPEMKeyConverter().getPrivateKey(info);
    }
}
