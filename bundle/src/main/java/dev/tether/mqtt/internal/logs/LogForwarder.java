package dev.tether.mqtt.internal.logs;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.internal.config.LogForwarding;
import dev.tether.mqtt.internal.connection.ManagedConnection;
import dev.tether.mqtt.internal.json.JsonWriter;

/**
 * Publishes the framework's log entries to the {@code debug.*} topics, at QoS 0 through the connection. The log
 * service's thread only offers each entry to a bounded buffer, so a connection that is down never slows the logger:
 * beyond {@value #CAPACITY} waiting entries, new ones are dropped and counted, and the count is published when the
 * connection is back. Entries of Tether's own bundle are skipped, so forwarding can never feed on itself. The buffer
 * is emptied on Tether's shared workers while connected: forwarding has no thread of its own.
 */
public final class LogForwarder implements LogListener, AutoCloseable {

    static final int CAPACITY = 1000;
    /** Entries handed to the connection and not yet written: the drain pauses here, so a burst of entries after a
     * reconnect never meets the connection's own bound for unwritten QoS 0 messages. */
    static final int IN_FLIGHT = 100;

    private final ManagedConnection connection;
    private final LogForwarding settings;
    private final long ownBundleId;
    private final LogLevel least;
    private final BlockingQueue<LogEntry> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Registration whenConnected;
    private volatile boolean open = true;

    public LogForwarder(ManagedConnection connection, LogForwarding settings, long ownBundleId) {
        this.connection = connection;
        this.settings = settings;
        this.ownBundleId = ownBundleId;
        this.least = LogLevel.valueOf(settings.level());
        this.whenConnected = connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(ConnectionStatus status) {
                drainLater();
            }
        });
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getBundle() != null && entry.getBundle().getBundleId() == ownBundleId
                || !least.implies(entry.getLogLevel()) || topic(entry).isEmpty()) {
            return;
        }
        if (!waiting.offer(entry)) {
            dropped.incrementAndGet();
        }
        drainLater();
    }

    private String topic(LogEntry entry) {
        return LogLevel.WARN.implies(entry.getLogLevel()) ? settings.stderrTopic() : settings.stdoutTopic();
    }

    /** Starts emptying the buffer on a shared worker, unless one is at it or the connection is down. */
    private void drainLater() {
        if (!open || connection.state() != ConnectionState.CONNECTED || !draining.compareAndSet(false, true)) {
            // entries wait in the buffer while offline: QoS 0 would fail at once
            return;
        }
        try {
            connection.executor().execute(this::drain);
        } catch (RejectedExecutionException closing) {
            draining.set(false);
        }
    }

    private void drain() {
        try {
            reportDrops();
            LogEntry entry;
            while (open && connection.state() == ConnectionState.CONNECTED && inFlight.get() < IN_FLIGHT
                    && (entry = waiting.poll()) != null) {
                send(topic(entry), settings.json() ? LogEntryFormat.json(entry) : LogEntryFormat.text(entry));
            }
        } finally {
            draining.set(false);
        }
        if (!waiting.isEmpty() && inFlight.get() < IN_FLIGHT) {
            // offered after the last poll, while this drain was ending; a full window resumes from send's completion
            drainLater();
        }
    }

    private void reportDrops() {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            String note = count + " log entries dropped while the connection was down or the log too fast";
            String topic = settings.stderrTopic().isEmpty() ? settings.stdoutTopic() : settings.stderrTopic();
            String payload = settings.json() ? new JsonWriter().object().field("level", "WARN")
                .field("bundle", "dev.tether.mqtt").field("message", note).field("dropped", count).end().toString()
                : note;
            send(topic, payload);
        }
    }

    /** Publishes at QoS 0; a refusal (the connection just dropped) loses the entry, and it is counted. */
    private void send(String topic, String payload) {
        inFlight.incrementAndGet();
        try {
            connection.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false)
                .whenComplete((sent, error) -> {
                    if (error != null) {
                        dropped.incrementAndGet();
                    }
                    if (inFlight.decrementAndGet() == IN_FLIGHT / 2) {
                        drainLater();
                    }
                });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() {
        open = false;
        whenConnected.close();
    }
}
