package dev.tether.mqtt.webconsole.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tether.mqtt.ConnectionMetrics;

/** Metrics with the history and events the test gives; every counter 0. */
record TestMetrics(List<Sample> history, List<Event> recentEvents) implements ConnectionMetrics {

    /** Two samples 5 s apart ending at {@link TestStatus#NOW}, and a lost connection followed by a reconnect. */
    static TestMetrics some() {
        return new TestMetrics(List.of(
            new Sample(Instant.parse("2026-01-01T10:03:05Z"), 2.5, 0, 0),
            new Sample(Instant.parse("2026-01-01T10:03:10Z"), 12.125, 3.2, 4)), List.of(
            new Event(Instant.parse("2026-01-01T09:59:00.250Z"), "CONNECTION_LOST", "connection reset", 1),
            new Event(Instant.parse("2026-01-01T09:59:58Z"), "ATTEMPT_FAILED", "tcp://localhost:1883: refused", 3),
            new Event(Instant.parse("2026-01-01T10:00:00.500Z"), "CONNECTED", "tcp://localhost:1883 with MQTT 5", 1)));
    }

    static TestMetrics none() {
        return new TestMetrics(List.of(), List.of());
    }

    /** @return metrics of a connection closed while they are read: every method throws */
    static ConnectionMetrics failing() {
        return (ConnectionMetrics) Proxy.newProxyInstance(ConnectionMetrics.class.getClassLoader(),
            new Class<?>[] { ConnectionMetrics.class }, (proxy, method, arguments) -> {
                throw new IllegalStateException("connection closed");
            });
    }

    @Override
    public String connectionName() {
        return "default";
    }

    @Override
    public Instant takenAt() {
        return TestStatus.NOW;
    }

    @Override
    public long messagesIn(int qos) {
        return 0;
    }

    @Override
    public long bytesIn(int qos) {
        return 0;
    }

    @Override
    public long messagesOut(int qos) {
        return 0;
    }

    @Override
    public long bytesOut(int qos) {
        return 0;
    }

    @Override
    public long connects() {
        return 0;
    }

    @Override
    public long connectionLosses() {
        return 0;
    }

    @Override
    public Map<String, Long> failedAttempts() {
        return Map.of();
    }

    @Override
    public int queuedMessages() {
        return 0;
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public int inFlightMessages() {
        return 0;
    }

    @Override
    public long droppedMessages() {
        return 0;
    }

    @Override
    public long listenerOverflows() {
        return 0;
    }

    @Override
    public Optional<Latency> publishLatency() {
        return Optional.empty();
    }
}
