package dev.tether.mqtt.internal.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.tether.mqtt.ConnectionMetrics;

/** An immutable {@link ConnectionMetrics}. */
record MetricsSnapshot(String connectionName, Instant takenAt, long[] in, long[] inBytes, long[] out, long[] outBytes,
        long connects, long connectionLosses, Map<String, Long> failedAttempts, int queuedMessages, long queuedBytes,
        int inFlightMessages, long droppedMessages, long listenerOverflows, Optional<Latency> publishLatency,
        List<Sample> history, List<Event> recentEvents) implements ConnectionMetrics {

    MetricsSnapshot {
        failedAttempts = Collections.unmodifiableMap(new TreeMap<>(failedAttempts));
        history = List.copyOf(history);
        recentEvents = List.copyOf(recentEvents);
    }

    @Override
    public long messagesIn(int qos) {
        return in[checked(qos)];
    }

    @Override
    public long bytesIn(int qos) {
        return inBytes[checked(qos)];
    }

    @Override
    public long messagesOut(int qos) {
        return out[checked(qos)];
    }

    @Override
    public long bytesOut(int qos) {
        return outBytes[checked(qos)];
    }

    private static int checked(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
        return qos;
    }
}
