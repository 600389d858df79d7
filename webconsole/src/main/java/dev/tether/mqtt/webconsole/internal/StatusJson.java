package dev.tether.mqtt.webconsole.internal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;
import dev.tether.mqtt.ConnectionMetrics.Sample;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.json.JsonWriter;

/**
 * The page's data as a JSON array, one object per connection in page order, with the page's field
 * names. Values are raw where the page formats them: instants and durations in ISO-8601, absent
 * values {@code null}. After the status come the metrics the page draws: {@code history}, the last
 * 15 minutes in 5 s samples, and {@code events}, the last 100 connection events, both oldest first
 * (both {@code null} when the connection's metrics could not be read). A connection that went away
 * is {@code {"connection":NAME,"error":"connection went away"}}.
 */
final class StatusJson {

    private StatusJson() {
    }

    static String render(List<ConnectionSnapshot> connections) {
        StringBuilder json = new StringBuilder(1024).append('[');
        for (int i = 0; i < connections.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append(connection(connections.get(i)));
        }
        return json.append("\n]\n").toString();
    }

    // Rendered apart so that a status that fails half way shows as gone, not as torn JSON.
    private static String connection(ConnectionSnapshot connection) {
        try {
            return connection.status().map(status -> connection(connection.name(), status, connection.metrics()))
                .orElseGet(() -> gone(connection.name()));
        } catch (RuntimeException wentAway) {
            return gone(connection.name());
        }
    }

    private static String gone(String name) {
        return new JsonWriter().object().field("connection", name).field("error", ConnectionSnapshot.WENT_AWAY).end()
            .toString();
    }

    private static String connection(String name, ConnectionStatus status, Optional<ConnectionMetrics> metrics) {
        JsonWriter json = new JsonWriter(new StringBuilder(2048)).object()
            .field("connection", name)
            .field("state", status.state().name())
            .field("server", Formatting.server(status.server()))
            .field("on_backup_server", status.onBackupServer())
            .field("client_id", status.clientId())
            .field("protocol", status.protocolVersion().orElse(null));
        json.field("assigned_client_id", status.assignedClientId().orElse(null));
        optional(json.name("server_keep_alive"), status.serverKeepAlive());
        json.name("shared_subscriptions");
        status.sharedSubscriptionsAvailable().ifPresentOrElse(json::value, json::nullValue);
        json.field("connected_since", status.connectedSince().map(Object::toString).orElse(null))
            .field("last_error", Formatting.lastError(status).orElse(null))
            .field("reconnect_attempts", status.reconnectAttempts())
            .field("queued", status.queuedMessages())
            .field("in_flight", status.inFlightMessages())
            .field("oldest_queued_age", status.oldestMessageAge().map(Object::toString).orElse(null))
            .field("dropped", status.droppedMessages())
            .field("sent", status.messagesSent())
            .field("received", status.messagesReceived());
        json.name("subscriptions").array();
        for (SubscriptionStatus subscription : status.subscriptions()) {
            json.object().field("filter", subscription.topicFilter()).field("qos", subscription.qos());
            optional(json.name("granted"), subscription.grantedQos());
            optional(json.name("refusal_code"), subscription.refusalCode());
            json.field("listeners", subscription.listenerCount()).end();
        }
        json.end();
        metrics(json, metrics, status.server());
        return json.end().toString();
    }

    private static void metrics(JsonWriter json, Optional<ConnectionMetrics> metrics, String server) {
        List<Sample> history;
        List<Event> events;
        try {
            history = metrics.map(ConnectionMetrics::history).orElse(null);
            events = metrics.map(ConnectionMetrics::recentEvents).orElse(null);
        } catch (RuntimeException unreadable) {
            history = null;
            events = null;
        }
        json.name("history");
        if (history == null) {
            json.nullValue();
        } else {
            json.array();
            for (Sample sample : history) {
                json.object().field("time", sample.time().toString())
                    .field("in_per_second", sample.inPerSecond())
                    .field("out_per_second", sample.outPerSecond())
                    .field("queued", sample.queuedMessages()).end();
            }
            json.end();
        }
        json.name("events");
        if (events == null) {
            json.nullValue();
        } else {
            json.array();
            for (Event event : events) {
                json.object().field("time", event.time().toString()).field("type", event.type())
                    .field("detail", Formatting.error(event.detail(), server)).field("count", event.count()).end();
            }
            json.end();
        }
    }

    private static void optional(JsonWriter json, OptionalInt value) {
        if (value.isPresent()) {
            json.value(value.getAsInt());
        } else {
            json.nullValue();
        }
    }
}
