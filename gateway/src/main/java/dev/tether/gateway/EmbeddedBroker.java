package dev.tether.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * A Moquette 0.17 broker in the launcher's JVM, outside the OSGi framework: plain MQTT on 127.0.0.1, anonymous
 * clients and empty client ids allowed, nothing kept on disk, no telemetry. Settings as in the test fixture {@code EmbeddedMoquette}.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** The address the broker listens on: loopback only, a gateway's broker is not for the network by default. */
    static final String HOST = "127.0.0.1";

    private final int port;
    private Server server;

    EmbeddedBroker(int port) {
        this.port = port;
    }

    /** @return the MQTT port */
    int port() {
        return port;
    }

    /**
     * Starts the broker.
     *
     * @return false, with nothing started, if something already listens on the port
     * @throws IOException if Moquette fails for another reason
     */
    synchronized boolean start() throws IOException {
        if (server != null) {
            return true;
        }
        // Moquette only logs a failed bind and carries on without a listener: find out first
        if (!portFree()) {
            return false;
        }
        Properties config = new Properties();
        config.setProperty("host", HOST);
        config.setProperty("port", Integer.toString(port));
        // Moquette opens WebSocket on 8080 unless told not to, which is the web console's port
        config.setProperty("websocket_port", "disabled");
        config.setProperty("allow_anonymous", "true");
        // mosquitto_pub/sub (MQTT 3.1.1) send an empty client id; Moquette rejects that unless allowed
        config.setProperty("allow_zero_byte_client_id", "true");
        config.setProperty("persistence_enabled", "false");
        config.setProperty("telemetry_enabled", "false");
        Server starting = new Server();
        starting.startServer(new MemoryConfig(config));
        server = starting;
        return true;
    }

    /** Stops the broker if it runs; takes about 2 s (Netty's graceful shutdown). */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    private boolean portFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
