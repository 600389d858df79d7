package dev.tether.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.tether.mqtt.testing.EmbeddedMoquette;

/**
 * The embedded broker when Mosquitto is not installed: two Moquette 0.17 servers in this JVM (one per port, each the
 * project's {@link EmbeddedMoquette}), with nothing kept on disk. It shares the CPU and heap with the clients, so its
 * figures are not comparable with a run on Mosquitto; the report says which broker ran. Found here: even so configured, it drops QoS 0 messages to a
 * subscriber that falls behind (so QoS 0 runs come out incomplete), and {@code mosquitto_sub} cannot subscribe to it.
 */
public final class MoquetteBroker implements Broker {

    /** Moquette has no log we can read: waiting this long is plenty for a loopback connect and subscribe. */
    private static final long READY_WAIT_MILLIS = 300;

    private final EmbeddedMoquette main = moquette();
    private final EmbeddedMoquette second = moquette();

    private MoquetteBroker() {
    }

    public static MoquetteBroker launch() throws IOException {
        MoquetteBroker broker = new MoquetteBroker();
        broker.second.start();
        broker.start();
        return broker;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return main.plainPort();
    }

    @Override
    public int secondPort() {
        return second.plainPort();
    }

    @Override
    public String description() {
        return "Moquette 0.17 (embedded in the benchmark's JVM; Mosquitto is not installed)";
    }

    @Override
    public long start() throws IOException {
        main.start();
        // start() returns as soon as its one listener accepted a connection: this is that moment, to within
        // microseconds
        return System.nanoTime();
    }

    @Override
    public void stop() {
        main.stop();
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
    public void close() {
        for (EmbeddedMoquette moquette : new EmbeddedMoquette[] {main, second}) {
            try {
                moquette.stop();
            } catch (UncheckedIOException e) {
                System.err.println("[bench] stopping Moquette: " + e.getMessage());
            }
        }
    }

    private static EmbeddedMoquette moquette() {
        // its defaults would refuse 16 KiB messages (8,092 bytes at most) and drop what a slow subscriber's queue
        // of 1,024 cannot hold; EmbeddedMoquette flushes every packet at once, not batched, as the latency figures need
        return EmbeddedMoquette.builder().plain()
            .maxMessageSize(1 << 20)
            .setting("session_queue_size", "100000")
            .setting("allow_zero_byte_client_id", "true")
            .build();
    }
}
