package dev.tether.mqtt.internal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS with certificates. The files are read again at every connection attempt; the fingerprint of
 * their content at configuration time makes an update after a rotation of the files a change.
 *
 * @param caFile       the CA certificates to trust; empty: the Java runtime's default trust store
 * @param clientCert   the client certificate chain for mutual TLS, with {@code clientKey}
 * @param clientKey    the private key of {@code clientCert}
 * @param keyPassword  the password of an encrypted {@code clientKey}
 * @param cipherSuites IANA names of the suites to offer; empty: the runtime's defaults
 * @param fingerprint  digest of the files' content when configured
 */
public record TlsSettings(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey,
        Secret keyPassword, List<String> cipherSuites, String fingerprint) implements Security {

    public TlsSettings {
        cipherSuites = List.copyOf(cipherSuites);
    }

    public boolean mutual() {
        return clientCert.isPresent();
    }
}
