package dev.tether.mqtt.webconsole.internal;

import java.util.List;
import java.util.Optional;

import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/**
 * The page's data as a JSON array, one object per connection in page order, with the page's field
 * names. Values are raw where the page formats them: instants and durations in ISO-8601, absent
 * values {@code null}. A connection that went away is {@code {"connection":NAME,"error":"connection went away"}}.
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
            return connection.status().map(status -> connection(connection.name(), status))
                .orElseGet(() -> gone(connection.name()));
        } catch (RuntimeException wentAway) {
            return gone(connection.name());
        }
    }

    private static String gone(String name) {
        return "{\"connection\":" + string(name) + ",\"error\":" + string(ConnectionSnapshot.WENT_AWAY) + "}";
    }

    private static String connection(String name, ConnectionStatus status) {
        StringBuilder json = new StringBuilder(512)
            .append("{\"connection\":").append(string(name))
            .append(",\"state\":").append(string(status.state().name()))
            .append(",\"server\":").append(string(Formatting.server(status.server())))
            .append(",\"on_backup_server\":").append(status.onBackupServer())
            .append(",\"client_id\":").append(string(status.clientId()))
            .append(",\"protocol\":").append(optional(status.protocolVersion()))
            .append(",\"assigned_client_id\":").append(optional(status.assignedClientId()))
            .append(",\"server_keep_alive\":").append(status.serverKeepAlive().isPresent()
                ? Integer.toString(status.serverKeepAlive().getAsInt()) : "null")
            .append(",\"shared_subscriptions\":").append(status.sharedSubscriptionsAvailable().map(String::valueOf)
                .orElse("null"))
            .append(",\"connected_since\":").append(optional(status.connectedSince().map(Object::toString)))
            .append(",\"last_error\":").append(optional(Formatting.lastError(status)))
            .append(",\"reconnect_attempts\":").append(status.reconnectAttempts())
            .append(",\"queued\":").append(status.queuedMessages())
            .append(",\"in_flight\":").append(status.inFlightMessages())
            .append(",\"oldest_queued_age\":").append(optional(status.oldestMessageAge().map(Object::toString)))
            .append(",\"dropped\":").append(status.droppedMessages())
            .append(",\"sent\":").append(status.messagesSent())
            .append(",\"received\":").append(status.messagesReceived())
            .append(",\"subscriptions\":[");
        List<SubscriptionStatus> subscriptions = status.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            SubscriptionStatus subscription = subscriptions.get(i);
            json.append(i == 0 ? "" : ",")
                .append("{\"filter\":").append(string(subscription.topicFilter()))
                .append(",\"qos\":").append(subscription.qos())
                .append(",\"granted\":").append(subscription.grantedQos().isPresent()
                    ? Integer.toString(subscription.grantedQos().getAsInt()) : "null")
                .append(",\"refusal_code\":").append(subscription.refusalCode().isPresent()
                    ? Integer.toString(subscription.refusalCode().getAsInt()) : "null")
                .append(",\"listeners\":").append(subscription.listenerCount()).append('}');
        }
        return json.append("]}").toString();
    }

    private static String optional(Optional<String> value) {
        return value.map(StatusJson::string).orElse("null");
    }

    /** @return the text as a JSON string literal; {@code null} for null */
    static String string(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                // '<', '>' and '&' too, so the text stays inert if a script ever embeds the JSON in a page;
                // U+2028 and U+2029 are line ends to older JavaScript
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
