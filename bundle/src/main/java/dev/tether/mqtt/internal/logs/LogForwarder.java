package dev.tether.mqtt.internal.logs;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.LogForwarding;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * Publishes the framework's log entries to the {@code debug.*} topics, at QoS 0 through the connection. The log
 * service's thread only offers each entry to a bounded buffer, so a connection that is down never slows the logger:
 * beyond {@value #CAPACITY} waiting entries, new ones are dropped and counted, and the count is published when the
 * connection is back. Entries of Tether's own bundle are skipped, so forwarding can never feed on itself.
 */
public final class LogForwarder implements LogListener, AutoCloseable {

    static final int CAPACITY = 1000;
    private static final long POLL_MILLIS = 200;

    private final ManagedConnection connection;
    private final LogForwarding settings;
    private final long ownBundleId;
    private final LogLevel least;
    private final BlockingQueue<LogEntry> waiting = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread publisher;
    private volatile boolean open = true;

    public LogForwarder(ManagedConnection connection, LogForwarding settings, long ownBundleId) {
        this.connection = connection;
        this.settings = settings;
        this.ownBundleId = ownBundleId;
        this.least = LogLevel.valueOf(settings.level());
        this.publisher = new Thread(this::publishWhileOpen, "tether-" + connection.name() + "-log");
        publisher.setDaemon(true);
        publisher.start();
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
    }

    private String topic(LogEntry entry) {
        return LogLevel.WARN.implies(entry.getLogLevel()) ? settings.stderrTopic() : settings.stdoutTopic();
    }

    private void publishWhileOpen() {
        while (open) {
            try {
                if (connection.state() != ConnectionState.CONNECTED) {
                    // entries wait in the buffer; QoS 0 would fail at once while offline
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                reportDrops();
                LogEntry entry = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    send(topic(entry), settings.json() ? LogEntryFormat.json(entry) : LogEntryFormat.text(entry));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a publish refused (connection just dropped): that entry is lost, as QoS 0 allows
                dropped.incrementAndGet();
            }
        }
    }

    private void reportDrops() {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            String note = count + " log entries dropped while the connection was down or the log too fast";
            String topic = settings.stderrTopic().isEmpty() ? settings.stdoutTopic() : settings.stderrTopic();
            String payload = settings.json() ? "{\"level\":\"WARN\",\"bundle\":\"dev.tether.mqtt\",\"message\":"
                + LogEntryFormat.string(note) + ",\"dropped\":" + count + "}" : note;
            send(topic, payload);
        }
    }

    /** Publishes at QoS 0; a refusal (the connection just dropped) loses the entry, and it is counted. */
    private void send(String topic, String payload) {
        connection.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false)
            .whenComplete((sent, error) -> {
                if (error != null) {
                    dropped.incrementAndGet();
                }
            });
    }

    @Override
    public void close() {
        open = false;
        publisher.interrupt();
        try {
            publisher.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
