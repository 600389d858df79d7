package dev.tether.mqtt.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** The broker to connect to, parsed from {@code host:port} or {@code tcp://host:port}. */
public record ServerAddress(String host, int port) {

    static final int DEFAULT_PORT = 1883;
    private static final Set<String> PLAIN_SCHEMES = Set.of("tcp", "mqtt");
    private static final Set<String> SECURE_OR_WEB_SCHEMES = Set.of("ssl", "mqtts", "tls", "ws", "wss");

    /** @return the URI Paho connects to */
    public String uri() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return uri();
    }

    /**
     * @param text the configured value
     * @return the address
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    static ServerAddress parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty; expected HOST:PORT or tcp://HOST:PORT");
        }
        int schemeEnd = value.indexOf("://");
        String scheme = schemeEnd < 0 ? "tcp" : value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (SECURE_OR_WEB_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("scheme " + scheme + ":// is not supported yet;"
                + " this release connects over plain TCP (tcp://HOST:PORT)");
        }
        if (!PLAIN_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("unknown scheme " + scheme + "://; expected HOST:PORT or tcp://HOST:PORT");
        }
        String authority = schemeEnd < 0 ? value : value.substring(schemeEnd + 3);
        return parseAuthority(authority);
    }

    private static ServerAddress parseAuthority(String authority) {
        URI uri;
        try {
            uri = new URI("tcp://" + authority);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not HOST:PORT (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalidAuthority(authority);
        }
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a path, query or fragment; expected HOST:PORT");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
        if (uri.getPort() < 0 && authority.endsWith(":")) {
            throw invalidAuthority(authority);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ServerAddress(host, port);
    }

    private static IllegalArgumentException invalidAuthority(String authority) {
        String portPart = authority.substring(authority.lastIndexOf(':') + 1);
        if (authority.contains(":") && !portPart.chars().allMatch(Character::isDigit)) {
            return new IllegalArgumentException("port '" + portPart + "' is not a number");
        }
        return new IllegalArgumentException("is not HOST:PORT");
    }
}
