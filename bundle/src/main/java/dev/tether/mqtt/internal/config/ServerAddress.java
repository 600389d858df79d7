package dev.tether.mqtt.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The broker to connect to: scheme, host, port, and for WebSocket the HTTP path. Parsed from
 * {@code host:port} or a {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://} URI.
 */
public record ServerAddress(Scheme scheme, String host, int port, String path) {

    /** How the MQTT packets travel. */
    public enum Scheme {
        TCP("tcp", 1883, false, false), SSL("ssl", 8883, true, false), WS("ws", 80, false, true),
        WSS("wss", 443, true, true);

        final String prefix;
        final int defaultPort;
        private final boolean secure;
        private final boolean webSocket;

        Scheme(String prefix, int defaultPort, boolean secure, boolean webSocket) {
            this.prefix = prefix;
            this.defaultPort = defaultPort;
            this.secure = secure;
            this.webSocket = webSocket;
        }

        public boolean secure() {
            return secure;
        }

        public boolean webSocket() {
            return webSocket;
        }

        static Scheme of(boolean secure, boolean webSocket) {
            return webSocket ? (secure ? WSS : WS) : (secure ? SSL : TCP);
        }
    }

    /** Every scheme an operator may write, including the aliases other MQTT tools use. */
    private static final Map<String, Scheme> SCHEMES = Map.of("tcp", Scheme.TCP, "mqtt", Scheme.TCP,
        "ssl", Scheme.SSL, "tls", Scheme.SSL, "mqtts", Scheme.SSL, "ws", Scheme.WS, "wss", Scheme.WSS);

    /** A plain TCP address, as tests and the default configuration use it. */
    public ServerAddress(String host, int port) {
        this(Scheme.TCP, host, port, "");
    }

    /** @return the URI this address is shown as, for example {@code ssl://broker:8883} */
    public String uri() {
        return scheme.prefix + "://" + authority() + (scheme.webSocket ? path : "");
    }

    /** @return {@code host:port}, with an IPv6 host in brackets */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return uri();
    }

    /**
     * What a configured server text asks for, before the TLS and WebSocket settings decide the rest.
     *
     * @param scheme  the scheme written in the text; empty for plain {@code host:port}
     * @param host    the host
     * @param port    the port written, or -1
     * @param path    the path written (only a WebSocket URI may have one), or ""
     */
    record Written(String scheme, String host, int port, String path) {

        /** @return the address, with the scheme implied by {@code secure} and {@code webSocket} unless written */
        ServerAddress resolve(boolean secure, boolean webSocket, String defaultPath) {
            Scheme resolved = scheme.isEmpty() ? Scheme.of(secure, webSocket) : SCHEMES.get(scheme);
            int resolvedPort = port < 0 ? resolved.defaultPort : port;
            String resolvedPath = resolved.webSocket ? (path.isEmpty() ? defaultPath : path) : "";
            return new ServerAddress(resolved, host, resolvedPort, resolvedPath);
        }

        /** @return the scheme written, if any */
        Optional<Scheme> writtenScheme() {
            return scheme.isEmpty() ? Optional.empty() : Optional.of(SCHEMES.get(scheme));
        }
    }

    /**
     * @param text the configured value
     * @return what it says
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    static Written parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(
                "must not be empty; expected HOST:PORT or a URI such as ssl://HOST:PORT");
        }
        int schemeEnd = value.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.isEmpty() && !SCHEMES.containsKey(scheme)) {
            throw new IllegalArgumentException("unknown scheme " + scheme
                + "://; expected HOST:PORT or one of tcp://, ssl://, ws://, wss://");
        }
        String rest = schemeEnd < 0 ? value : value.substring(schemeEnd + 3);
        URI uri;
        try {
            uri = new URI("tcp://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not HOST:PORT (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalidAuthority(rest);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean webSocket = !scheme.isEmpty() && SCHEMES.get(scheme).webSocket;
        if ((!path.isEmpty() && !webSocket) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a path, query or fragment"
                + " (only a ws:// or wss:// URI has a path); expected HOST:PORT");
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
        String authority = uri.getRawAuthority();
        if (port < 0 && authority.endsWith(":")) {
            throw invalidAuthority(authority);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Written(scheme, host, port, path);
    }

    private static IllegalArgumentException invalidAuthority(String authority) {
        int slash = authority.indexOf('/');
        String hostPort = slash < 0 ? authority : authority.substring(0, slash);
        String portPart = hostPort.substring(hostPort.lastIndexOf(':') + 1);
        if (hostPort.contains(":") && !portPart.chars().allMatch(Character::isDigit)) {
            return new IllegalArgumentException("port '" + portPart + "' is not a number");
        }
        return new IllegalArgumentException("is not HOST:PORT");
    }
}
