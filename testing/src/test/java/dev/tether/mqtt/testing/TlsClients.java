package dev.tether.mqtt.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** JSSE socket factories for Paho that trust a test CA, with or without a client certificate. */
final class TlsClients {

    private TlsClients() {
    }

    /** @return a factory that trusts only the CA in {@code caPem} and presents no certificate */
    static SSLSocketFactory trusting(Path caPem) throws Exception {
        return context("TLS", caPem, null, null).getSocketFactory();
    }

    /** @return as {@link #trusting(Path)}, speaking only {@code protocol}, such as TLSv1.2 */
    static SSLSocketFactory trusting(Path caPem, String protocol) throws Exception {
        return context(protocol, caPem, null, null).getSocketFactory();
    }

    /** @return a factory that trusts the CA in {@code caPem} and presents the key and chain in {@code pkcs12} */
    static SSLSocketFactory withClientCertificate(Path caPem, Path pkcs12, char[] password) throws Exception {
        return context("TLS", caPem, pkcs12, password).getSocketFactory();
    }

    private static SSLContext context(String protocol, Path caPem, Path pkcs12, char[] password) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        KeyManagerFactory keys = null;
        if (pkcs12 != null) {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkcs12)) {
                identity.load(in, password);
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
        }
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
