package dev.tether.bench.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * The embedded broker when Mosquitto is not installed: two Moquette 0.17 servers in this JVM (one per port), with
 * nothing kept on disk. It shares the CPU and heap with the clients, so its figures are not comparable with a run
 * on Mosquitto; the report says which broker ran. Found here: even so configured, it drops QoS 0 messages to a
 * subscriber that falls behind (so QoS 0 runs come out incomplete), and {@code mosquitto_sub} cannot subscribe to it.
 */
public final class MoquetteBroker implements Broker {

    private static final String HOST = "127.0.0.1";
    /** Moquette has no log we can read: waiting this long is plenty for a loopback connect and subscribe. */
    private static final long READY_WAIT_MILLIS = 300;

    private final int port = Ports.free();
    private final int secondPort = Ports.free();
    private Server main;
    private Server second;

    public static MoquetteBroker launch() throws IOException {
        MoquetteBroker broker = new MoquetteBroker();
        broker.second = serve(broker.secondPort);
        broker.start();
        return broker;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int secondPort() {
        return secondPort;
    }

    @Override
    public String description() {
        return "Moquette 0.17 (embedded in the benchmark's JVM; Mosquitto is not installed)";
    }

    @Override
    public synchronized long start() throws IOException {
        main = serve(port);
        return Ports.awaitOpen(HOST, port, Duration.ofSeconds(10), null);
    }

    @Override
    public synchronized void stop() throws IOException {
        if (main != null) {
            main.stopServer();
            main = null;
        }
        Ports.awaitClosed(HOST, port, Duration.ofSeconds(10));
    }

    @Override
    public long logMark() {
        return 0;
    }

    @Override
    public boolean awaitLogged(long mark, String clientId, String topic, Duration timeout) {
        try {
            Thread.sleep(Math.min(READY_WAIT_MILLIS, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("[bench] stopping Moquette: " + e.getMessage());
        }
        if (second != null) {
            second.stopServer();
            second = null;
        }
    }

    private static Server serve(int port) throws IOException {
        Properties config = new Properties();
        config.setProperty("host", HOST);
        config.setProperty("port", Integer.toString(port));
        config.setProperty("websocket_port", "disabled");
        config.setProperty("allow_anonymous", "true");
        config.setProperty("allow_zero_byte_client_id", "true");
        config.setProperty("persistence_enabled", "false");
        config.setProperty("telemetry_enabled", "false");
        // its defaults would refuse 16 KiB messages (8,092 bytes at most) and drop what a slow subscriber's queue
        // of 1,024 cannot hold; flushed at once, not batched, for the latency figures
        config.setProperty("netty.mqtt.message_size", Integer.toString(1 << 20));
        config.setProperty("session_queue_size", "100000");
        config.setProperty("buffer_flush_millis", "0");
        Server server = new Server();
        server.startServer(new MemoryConfig(config));
        return server;
    }
}
