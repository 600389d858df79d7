package dev.tether.mqtt.internal.jmx;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/** A {@link ConnectionMXBean} that reads the connection at every call: nothing is copied or kept. */
final class ConnectionBean implements ConnectionMXBean {

    private final ManagedConnection connection;

    ConnectionBean(ManagedConnection connection) {
        this.connection = connection;
    }

    private ConnectionStatus status() {
        return connection.status();
    }

    private ConnectionMetrics metrics() {
        return connection.metrics();
    }

    @Override
    public String getState() {
        return status().state().name();
    }

    @Override
    public String getServer() {
        return status().server();
    }

    @Override
    public String getClientId() {
        return status().clientId();
    }

    @Override
    public String getProtocol() {
        return status().protocolVersion().orElse("");
    }

    @Override
    public String getLastError() {
        return status().lastError().orElse("");
    }

    @Override
    public long getMessagesInQos0() {
        return metrics().messagesIn(0);
    }

    @Override
    public long getMessagesInQos1() {
        return metrics().messagesIn(1);
    }

    @Override
    public long getMessagesInQos2() {
        return metrics().messagesIn(2);
    }

    @Override
    public long getMessagesOutQos0() {
        return metrics().messagesOut(0);
    }

    @Override
    public long getMessagesOutQos1() {
        return metrics().messagesOut(1);
    }

    @Override
    public long getMessagesOutQos2() {
        return metrics().messagesOut(2);
    }

    @Override
    public long getBytesIn() {
        ConnectionMetrics metrics = metrics();
        return metrics.bytesIn(0) + metrics.bytesIn(1) + metrics.bytesIn(2);
    }

    @Override
    public long getBytesOut() {
        ConnectionMetrics metrics = metrics();
        return metrics.bytesOut(0) + metrics.bytesOut(1) + metrics.bytesOut(2);
    }

    @Override
    public long getConnects() {
        return metrics().connects();
    }

    @Override
    public long getConnectionLosses() {
        return metrics().connectionLosses();
    }

    @Override
    public Map<String, Long> getFailedAttempts() {
        return metrics().failedAttempts();
    }

    @Override
    public int getQueuedMessages() {
        return metrics().queuedMessages();
    }

    @Override
    public long getQueuedBytes() {
        return metrics().queuedBytes();
    }

    @Override
    public int getInFlightMessages() {
        return metrics().inFlightMessages();
    }

    @Override
    public long getDroppedMessages() {
        return metrics().droppedMessages();
    }

    @Override
    public long getListenerOverflows() {
        return metrics().listenerOverflows();
    }

    @Override
    public double getPublishLatencyP50Millis() {
        return latency(ConnectionMetrics.Latency::p50);
    }

    @Override
    public double getPublishLatencyP99Millis() {
        return latency(ConnectionMetrics.Latency::p99);
    }

    @Override
    public double getPublishLatencyMaxMillis() {
        return latency(ConnectionMetrics.Latency::max);
    }

    private double latency(Function<ConnectionMetrics.Latency, Duration> which) {
        return metrics().publishLatency().map(which).map(duration -> duration.toNanos() / 1e6).orElse(-1.0);
    }

    @Override
    public void reconnect() {
        connection.reconnect();
    }
}
