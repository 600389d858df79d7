package dev.tether.bench.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.LockSupport;

import dev.tether.bench.client.TetherConnection;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.measure.Payloads;
import dev.tether.bench.report.OperationalFigure;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.testing.Ports;

/**
 * Time for Tether to bring back 100,000 messages from its file queue when a connection starts, through the public
 * API only: QoS 1 messages of 64 B published while nothing listens at the configured server, the configuration
 * deleted (the queue file stays in the bundle's data area) and saved again under the same name; from that save
 * until {@code status().queuedMessages()} counts them all again.
 */
public final class RecoveryProbe {

    public static final int MESSAGES = 100_000;
    private static final int PAYLOAD_BYTES = 64;
    /** A count that stays put this long is final: recovery is one step, so a wrong count is a bug, not slowness. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final TetherDriver fileQueue;
    private final int rounds;
    private String failure;

    /** @param fileQueue a driver whose settings keep the queue in a file ({@code queue_sync} its default) */
    public RecoveryProbe(TetherDriver fileQueue, int rounds) {
        this.fileQueue = fileQueue;
        this.rounds = rounds;
    }

    public OperationalFigure measure() throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int round = 0; round < rounds && failure == null; round++) {
            round("recovery-" + round, millis);
        }
        OperationalFigure.Builder figure = new OperationalFigure.Builder(OperationalFigure.QUEUE_RECOVERY,
            "file queue: 100,000 queued messages recovered on start", "ms")
            .note("Tether, queue_persistence=file, max_queue_length " + TetherDriver.MAX_QUEUE_LENGTH + ", nothing"
                + " listening at its server: 100,000 QoS 1 messages of 64 B published, the configuration deleted (the"
                + " queue file stays) and created again with the same name; from Configuration.update until"
                + " MqttService.status().queuedMessages() is 100,000 again");
        return (failure == null ? figure.values("tether", millis) : figure.text("tether", failure)).build();
    }

    /** @return what went wrong (a count that is not 100,000), empty if every round recovered them all */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void round(String name, List<Double> millis) throws Exception {
        Map<String, Object> settings = fileQueue.settings("bench-" + name, Ports.free());
        TetherConnection filling = TetherConnection.open(fileQueue.felix(), name, settings, false);
        boolean full = false;
        try {
            // the service is registered a moment before its settings apply (max_queue_length 0 until then): the
            // first refused attempt shows they do
            filling.awaitState(ConnectionState.DISCONNECTED, STALL_LIMIT);
            String topic = "bench/" + name;
            byte[] payload = Payloads.text(PAYLOAD_BYTES, 0);
            FirstFailure rejected = new FirstFailure();
            for (int i = 0; i < MESSAGES; i++) {
                filling.service().publish(topic, payload, 1, false).whenComplete(rejected);
            }
            int queued = awaitQueued(filling.service());
            // from here the stages fail as the connection closes; the messages stay in the file
            rejected.stop();
            full = queued == MESSAGES;
            if (!full) {
                failure = String.format(Locale.ROOT, "failed: %,d of %,d queued before the restart%s", queued,
                    MESSAGES, rejected.describe());
            }
        } finally {
            if (full) {
                filling.close();
            } else {
                forget(filling);
            }
        }
        if (!full) {
            return;
        }
        TetherConnection recovering = TetherConnection.open(fileQueue.felix(), name, settings, false);
        try {
            int recovered = awaitQueued(recovering.service());
            long end = System.nanoTime();
            if (recovered == MESSAGES) {
                millis.add((end - recovering.configuredAt()) / 1e6);
            } else {
                failure = String.format(Locale.ROOT, "failed: %,d of %,d recovered", recovered, MESSAGES);
            }
        } finally {
            forget(recovering);
        }
    }

    /**
     * Back to memory, which deletes the queue file, then closes. The server moves too: its showing in status() tells
     * that the change applied, since a delete right after an update can overtake it and leave the file.
     */
    private void forget(TetherConnection connection) {
        int elsewhere = Ports.free();
        connection.update(Map.of("queue_persistence", "memory", "server",
            fileQueue.settings("", elsewhere).get("server")));
        long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
        while (!connection.service().status().server().endsWith(":" + elsewhere)
                && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        connection.close();
    }

    /** Counts the publishes that failed while the queue filled, and keeps the first reason. */
    private static final class FirstFailure implements BiConsumer<Object, Throwable> {

        private final AtomicInteger count = new AtomicInteger();
        private volatile Throwable first;
        private volatile boolean stopped;

        @Override
        public void accept(Object ignored, Throwable error) {
            if (error != null && !stopped && count.getAndIncrement() == 0) {
                first = error;
            }
        }

        void stop() {
            stopped = true;
        }

        String describe() {
            return first == null ? "" : String.format(Locale.ROOT, " (%,d publishes failed, the first with %s)",
                count.get(), first);
        }
    }

    /** @return the queued count once it is 100,000, or where it stayed put for {@link #STALL_LIMIT} */
    private static int awaitQueued(MqttService service) {
        int last = -1;
        long changedAt = System.nanoTime();
        while (true) {
            int queued = service.status().queuedMessages();
            long now = System.nanoTime();
            if (queued == MESSAGES) {
                return queued;
            }
            if (queued != last) {
                last = queued;
                changedAt = now;
            } else if (now - changedAt > STALL_LIMIT.toNanos()) {
                return queued;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
