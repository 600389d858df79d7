package dev.tether.mqtt.testing;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Map;

import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/** Writes the text of a {@code mosquitto.conf} for a test broker: anonymous, loopback only, persistent if asked. */
final class MosquittoConfig {

    private final Path log;
    private final Path pskFile;
    private final Path persistenceDir;
    private final Map<String, Listener> listeners;
    private final Map<String, Integer> ports;
    private final Map<String, String> options;

    /**
     * @param log       the log file
     * @param pskFile   the PSK identities file, or null if there is none
     * @param listeners listeners by name, in the order to write them
     * @param ports     the port of each listener, by name
     * @param options   broker-wide options, written as they are
     */
    MosquittoConfig(Path log, Path pskFile, Path persistenceDir, Map<String, Listener> listeners,
            Map<String, Integer> ports, Map<String, String> options) {
        this.log = log;
        this.pskFile = pskFile;
        this.persistenceDir = persistenceDir;
        this.listeners = listeners;
        this.ports = ports;
        this.options = options;
    }

    String render() {
        StringBuilder conf = new StringBuilder("# written by MosquittoProcess for a test\n")
            .append("allow_anonymous true\n")
            .append(persistenceDir == null ? "persistence false\n"
                : "persistence true\npersistence_location " + path(persistenceDir) + "/\n")
            .append("log_dest file ").append(path(log)).append('\n')
            .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
            .append("connection_messages true\n");
        if ("root".equals(System.getProperty("user.name"))) {
            // as root Mosquitto switches to the user "mosquitto", which cannot write the test's log file
            conf.append("user root\n");
        }
        options.forEach((key, value) -> conf.append(key).append(' ').append(value).append('\n'));
        if (pskFile != null) {
            conf.append("psk_file ").append(path(pskFile)).append('\n');
        }
        listeners.forEach((name, listener) -> appendListener(conf, name, listener));
        return conf.toString();
    }

    private void appendListener(StringBuilder conf, String name, Listener listener) {
        conf.append("\n# ").append(name).append('\n')
            .append("listener ").append(ports.get(name)).append(' ').append(bindAddress(listener)).append('\n');
        if (listener.websockets) {
            conf.append("protocol websockets\n");
        }
        if (listener.certfile != null) {
            conf.append("cafile ").append(path(listener.cafile)).append('\n')
                .append("certfile ").append(path(listener.certfile)).append('\n')
                .append("keyfile ").append(path(listener.keyfile)).append('\n');
        }
        if (listener.requireCertificate) {
            conf.append("require_certificate true\n");
        }
        if (listener.pskHint != null) {
            conf.append("psk_hint ").append(listener.pskHint).append('\n')
                .append("use_identity_as_username true\n");
        }
        if (listener.tlsVersion != null) {
            conf.append("tls_version ").append(listener.tlsVersion).append('\n');
        }
        if (listener.ciphers != null) {
            conf.append("ciphers ").append(listener.ciphers).append('\n');
        }
        listener.options.forEach((key, value) -> conf.append(key).append(' ').append(value).append('\n'));
    }

    /**
     * Mosquitto 2.0.11 hands a websockets listener's bind address to libwebsockets as an interface name: with
     * {@code 127.0.0.1} (or {@code bind_interface lo}) the socket listens on every interface, with {@code localhost}
     * on none, and only the interface name ({@code lo}) binds it to loopback.
     */
    private static String bindAddress(Listener listener) {
        return listener.websockets ? loopbackInterface() : Ports.LOOPBACK.getHostAddress();
    }

    private static String loopbackInterface() {
        try {
            NetworkInterface loopback = NetworkInterface.getByInetAddress(Ports.LOOPBACK);
            return loopback == null ? "lo" : loopback.getName();
        } catch (SocketException e) {
            return "lo";
        }
    }

    private static String path(Path file) {
        return file.toAbsolutePath().toString();
    }
}
