package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.json.JsonWriter;

/**
 * The JSON a connection publishes to its {@code status_topic}: {@code "status":"online"} with its state, server,
 * protocol, counters, queue and latency while it lives, and its will's {@code "status":"offline"} when it dies. The
 * fields are documented in docs/operations.md.
 */
final class StatusDocument {

    private StatusDocument() {
    }

    static byte[] online(ConnectionStatus status, ConnectionMetrics metrics) {
        JsonWriter json = new JsonWriter().object()
            .field("status", "online")
            .field("connection", status.connectionName())
            .field("client_id", status.clientId())
            .field("time", metrics.takenAt().toString())
            .field("state", status.state().name())
            .field("server", status.server())
            .field("protocol", status.protocolVersion().orElse(null))
            .field("connected_since", status.connectedSince().map(Object::toString).orElse(null));
        json.name("messages").object();
        perQos(json.name("in"), metrics, true);
        perQos(json.name("out"), metrics, false);
        json.end();
        json.name("bytes").object()
            .field("in", metrics.bytesIn(0) + metrics.bytesIn(1) + metrics.bytesIn(2))
            .field("out", metrics.bytesOut(0) + metrics.bytesOut(1) + metrics.bytesOut(2)).end();
        json.field("connects", metrics.connects()).field("connection_losses", metrics.connectionLosses());
        json.name("failed_attempts").object();
        metrics.failedAttempts().forEach(json::field);
        json.end();
        json.name("queue").object()
            .field("queued", metrics.queuedMessages())
            .field("bytes", metrics.queuedBytes())
            .field("in_flight", metrics.inFlightMessages())
            .field("dropped", metrics.droppedMessages()).end();
        json.field("listener_overflows", metrics.listenerOverflows());
        json.name("publish_latency_ms");
        metrics.publishLatency().ifPresentOrElse(latency -> json.object()
            .field("p50", millis(latency.p50())).field("p99", millis(latency.p99()))
            .field("max", millis(latency.max())).field("count", latency.count()).end(), json::nullValue);
        return json.end().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the will: what the topic reads once the broker has published it */
    static byte[] offline(String connection, String clientId) {
        return new JsonWriter().object().field("status", "offline").field("connection", connection)
            .field("client_id", clientId).end().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void perQos(JsonWriter json, ConnectionMetrics metrics, boolean in) {
        json.object();
        for (int qos = 0; qos <= 2; qos++) {
            json.field("qos" + qos, in ? metrics.messagesIn(qos) : metrics.messagesOut(qos));
        }
        json.end();
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
