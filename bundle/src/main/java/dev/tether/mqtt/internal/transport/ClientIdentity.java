package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client's certificate and key for mutual TLS, checked before a connection is tried: the key
 * must match the certificate and the certificate must be valid now.
 */
final class ClientIdentity {

    private static final char[] STORE_PASSWORD = "tether".toCharArray();

    private ClientIdentity() {
    }

    static KeyManager[] load(Path certificateFile, Path keyFile, char[] keyPassword, Clock clock)
            throws TransportException {
        List<X509Certificate> chain = PemFiles.certificates("ssl_cert", certificateFile);
        PrivateKey key = PemPrivateKeys.read(keyFile, keyPassword);
        X509Certificate leaf = chain.get(0);
        requireValid(certificateFile, leaf, clock);
        requireMatch(certificateFile, keyFile, leaf, key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("ssl_cert '" + certificateFile + "' with ssl_key '" + keyFile
                + "': cannot be used (" + e.getMessage() + ")");
        }
    }

    private static void requireValid(Path file, X509Certificate certificate, Clock clock) throws TransportException {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new TransportException("ssl_cert '" + file + "': the certificate expired on "
                + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TransportException("ssl_cert '" + file + "': the certificate is not valid before "
                + certificate.getNotBefore().toInstant() + " (the clock reads " + clock.instant() + ")");
        }
    }

    /** Signs a challenge with the key and verifies it with the certificate: works for every key type. */
    private static void requireMatch(Path certificateFile, Path keyFile, X509Certificate certificate, PrivateKey key)
            throws TransportException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] challenge = "tether key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TransportException("ssl_key '" + keyFile + "' does not match the certificate in ssl_cert '"
                + certificateFile + "'");
        }
    }
}
