package dev.tether.mqtt.internal.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import dev.tether.mqtt.internal.config.ServerAddress;

/**
 * Reads a broker's MQTT 5 Server Reference (MQTT 5.0, 4.11): where a Use another server (0x9C) or Server moved (0x9D)
 * sends the client. The specification leaves its form open; brokers send {@code host}, {@code host:port},
 * {@code [v6]:port}, a URI, or several of them separated by spaces, of which the first is taken. The client keeps
 * its scheme, and so its TLS or WebSocket settings, and its WebSocket path; a reference without a port keeps the
 * current port.
 */
final class ServerReference {

    private ServerReference() {
    }

    /** @return the server the reference names, from the current one; empty when it names none that is valid */
    static Optional<ServerAddress> resolve(String reference, ServerAddress current) {
        String first = reference.strip().split("\\s+", 2)[0];
        if (first.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(first.contains("://") ? first : "mqtt://" + first);
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return Optional.empty();
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = uri.getPort() < 0 ? current.port() : uri.getPort();
            // java.net.URI takes any digits as a port: 0 or 70000 names no server, and followed as Server moved it
            // would replace the configured server until a restart, every attempt failing
            if (port < 1 || port > 65_535) {
                return Optional.empty();
            }
            return Optional.of(new ServerAddress(current.scheme(), host, port, current.path()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
