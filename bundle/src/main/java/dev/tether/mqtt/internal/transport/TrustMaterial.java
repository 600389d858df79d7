package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The CAs a TLS connection trusts: exactly those of {@code ssl_ca_cert}, or the runtime's defaults. */
final class TrustMaterial {

    private TrustMaterial() {
    }

    /** @return trust managers for the CA file, or null (the runtime's default trust store) when empty */
    static TrustManager[] forCaFile(Optional<Path> caFile) throws TransportException {
        if (caFile.isEmpty()) {
            return null;
        }
        List<X509Certificate> authorities = PemFiles.certificates("ssl_ca_cert", caFile.get());
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("ssl_ca_cert '" + caFile.get() + "': cannot be used as trust anchors ("
                + e.getMessage() + ")", e);
        }
    }
}
