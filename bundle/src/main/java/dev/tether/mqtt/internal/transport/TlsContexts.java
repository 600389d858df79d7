package dev.tether.mqtt.internal.transport;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Builds the TLS socket factory of one connection attempt from the PEM files as they are now, so
 * replaced files take effect at the next attempt and nothing stale is kept between attempts.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param caFile       CAs to trust; empty: the runtime's default trust store
     * @param clientCert   client certificate chain for mutual TLS, or empty
     * @param clientKey    its private key (needs BouncyCastle's bcpkix), or empty
     * @param keyPassword  password of an encrypted key, empty if none
     * @param cipherSuites suites to offer; empty: the runtime's defaults
     * @param clock        the time the client certificate must be valid at
     */
    public static SSLSocketFactory socketFactory(Optional<Path> caFile, Optional<Path> clientCert,
            Optional<Path> clientKey, char[] keyPassword, List<String> cipherSuites, Clock clock)
            throws TransportException {
        return new TlsSocketFactory(context(caFile, clientCert, clientKey, keyPassword, clock).getSocketFactory(),
            cipherSuites);
    }

    /** @return the TLS context of these files, as {@link #socketFactory} uses it (for secure WebSocket) */
    public static SSLContext context(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey,
            char[] keyPassword, Clock clock) throws TransportException {
        TrustManager[] trust = TrustMaterial.forCaFile(caFile);
        KeyManager[] keys = null;
        if (clientCert.isPresent() && clientKey.isPresent()) {
            keys = ClientIdentity.load(clientCert.get(), clientKey.get(), keyPassword, clock);
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TransportException("TLS cannot be set up (" + e.getMessage() + ")", e);
        }
    }
}
