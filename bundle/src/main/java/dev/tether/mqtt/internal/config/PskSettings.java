package dev.tether.mqtt.internal.config;

import java.util.List;

/**
 * TLS with a pre-shared key (RFC 4279 for TLS 1.2, external PSK for TLS 1.3).
 *
 * @param identity     the PSK identity the broker looks the key up by
 * @param key          the key, as hexadecimal text (checked to be valid hex)
 * @param cipherSuites IANA names of the suites to offer; empty: Tether's default list
 */
public record PskSettings(String identity, Secret key, List<String> cipherSuites) implements Security {

    public PskSettings {
        cipherSuites = List.copyOf(cipherSuites);
    }
}
