package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * TLS for secure WebSocket: the context of the configured files, the suites to offer, and a fingerprint of the
 * files' content. Connections whose fingerprint and suites are equal share one JDK HttpClient
 * ({@link WebSocketClients}), which keeps the context it was built with; a replaced file makes a new fingerprint and
 * so a new client at the next attempt.
 *
 * @param context      the TLS context
 * @param cipherSuites IANA names of the suites to offer; empty: the context's defaults
 * @param fingerprint  what makes two contexts interchangeable: equal fingerprints, equal trust and identity
 */
public record WebSocketTls(SSLContext context, List<String> cipherSuites, String fingerprint) {

    public WebSocketTls {
        cipherSuites = List.copyOf(cipherSuites);
    }

    /**
     * Reads the files as {@link TlsContexts#context} does, so that a file that is missing, unreadable or expired
     * fails here with the same message as for TLS over TCP.
     *
     * @see TlsContexts#socketFactory for the parameters
     */
    public static WebSocketTls of(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey,
            char[] keyPassword, List<String> cipherSuites, Clock clock) throws TransportException {
        // digest first: a file replaced while the context is built then gives another client next time
        String fingerprint = fingerprint(caFile, clientCert, clientKey);
        SSLContext context = TlsContexts.context(caFile, clientCert, clientKey, keyPassword, clock);
        return new WebSocketTls(context, cipherSuites, fingerprint);
    }

    /** @return the parameters an HttpClient is built with: the context's defaults, with the configured suites */
    SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        if (!cipherSuites.isEmpty()) {
            parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        // the JDK HttpClient checks the host name itself (unless the JVM sets
        // jdk.internal.httpclient.disableHostnameVerification); say so here all the same
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** @return what {@link WebSocketClients} shares a client by */
    Object key() {
        return List.of(fingerprint, cipherSuites);
    }

    private static String fingerprint(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (Optional<Path> file : List.of(caFile, clientCert, clientKey)) {
            digest.update((byte) (file.isPresent() ? 1 : 0));
            if (file.isPresent()) {
                digest.update(file.get().toString().getBytes(StandardCharsets.UTF_8));
                try {
                    digest.update(Files.readAllBytes(file.get()));
                } catch (IOException | RuntimeException e) {
                    // TlsContexts.context reports why it cannot be read
                    digest.update((byte) 0);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
