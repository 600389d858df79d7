package dev.tether.mqtt.webconsole.internal;

import static dev.tether.mqtt.webconsole.internal.Html.attribute;
import static dev.tether.mqtt.webconsole.internal.Html.text;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/**
 * The content part of the page (the console writes the head, menu and footer around it): one
 * section per connection with its status, its subscriptions and a reconnect button, and beside
 * them a chart of the last 15 minutes and a timeline of the last events, which {@code tether.js}
 * keeps up to date from the JSON. The markup is a contract with that script and with the
 * gateway's browser test: table classes, {@code data-*} attributes and field names change only
 * together with them.
 */
final class StatusPage {

    /** A line on top of the page after an action. */
    record Notice(String text, boolean failure) {
    }

    static final String SCRIPT = "tether.js";
    private static final String NO_METRICS = "no metrics: the connection could not give them";

    private final String pluginRoot;
    private final String appRoot;
    private final Instant now;

    /**
     * @param pluginRoot the page's URL path, for links and the form action
     * @param appRoot    the console's URL path, for the link to the configuration
     * @param now        the time connection ages are measured at
     */
    StatusPage(String pluginRoot, String appRoot, Instant now) {
        this.pluginRoot = pluginRoot;
        this.appRoot = appRoot;
        this.now = now;
    }

    String render(List<ConnectionSnapshot> connections, Optional<Notice> notice) {
        StringBuilder html = new StringBuilder(4096);
        notice.ifPresent(n -> html.append(n.failure() ? "<p class=\"tether-notice ui-state-error ui-corner-all\">"
            : "<p class=\"tether-notice statline\">").append(text(n.text())).append("</p>\n"));
        html.append("<p class=\"statline\">").append(count(connections.size()))
            .append(" &middot; <a class=\"tether-refresh\" href=\"").append(attribute(pluginRoot))
            .append("\">Refresh</a> &middot; <a class=\"tether-json\" href=\"")
            .append(attribute(pluginRoot + ".json")).append("\">JSON</a>")
            .append(connections.isEmpty() ? "" : "<span class=\"tether-live-status\"></span>").append("</p>\n");
        if (connections.isEmpty()) {
            html.append("<p class=\"tether-none\">There is no enabled Tether connection. Set <code>enable</code> in ")
                .append("the <a href=\"").append(attribute(appRoot + "/configMgr/dev.tether.mqtt"))
                .append("\">Tether MQTT configuration</a> (PID dev.tether.mqtt), or add a connection with the ")
                .append("factory PID dev.tether.mqtt.connection.</p>\n");
        }
        for (ConnectionSnapshot connection : connections) {
            html.append(section(connection));
        }
        if (!connections.isEmpty()) {
            html.append("<script src=\"").append(attribute(pluginRoot + "/" + SCRIPT)).append("\"></script>\n");
        }
        return html.toString();
    }

    private static String count(int connections) {
        return connections == 1 ? "1 Tether connection" : connections + " Tether connections";
    }

    // Rendered apart so that a status that fails half way shows as gone, not as a torn table.
    private String section(ConnectionSnapshot connection) {
        StringBuilder html = new StringBuilder(2048);
        try {
            connection.status().ifPresentOrElse(
                status -> section(connection.name(), status, connection.metrics(), html),
                () -> gone(connection.name(), html));
        } catch (RuntimeException wentAway) {
            html.setLength(0);
            gone(connection.name(), html);
        }
        return html.toString();
    }

    private void section(String name, ConnectionStatus status, Optional<ConnectionMetrics> metrics,
            StringBuilder html) {
        sectionStart(name, html);
        String state = status.state().name();
        row(html, "state", "State", "<span class=\"tether-state tether-state-" + state.toLowerCase(Locale.ROOT)
            + " ui-corner-all\">" + text(state) + "</span>");
        row(html, "server", "Server", text(Formatting.server(status.server())
            + (status.onBackupServer() ? " (backup server)" : "")));
        row(html, "client_id", "Client ID", text(status.clientId()));
        row(html, "protocol", "Protocol", text(Formatting.protocol(status)));
        row(html, "connected_since", "Connected since",
            text(status.connectedSince().map(since -> Formatting.since(since, now)).orElse(Formatting.NONE)));
        row(html, "last_error", "Last error", text(Formatting.lastError(status).orElse(Formatting.NONE)));
        row(html, "reconnect_attempts", "Reconnect attempts", Integer.toString(status.reconnectAttempts()));
        row(html, "queued", "Queued messages", Integer.toString(status.queuedMessages()));
        row(html, "in_flight", "In flight", Integer.toString(status.inFlightMessages()));
        row(html, "oldest_queued_age", "Oldest queued for",
            text(status.oldestMessageAge().map(Formatting::duration).orElse(Formatting.NONE)));
        row(html, "dropped", "Dropped messages", Long.toString(status.droppedMessages()));
        row(html, "sent", "Messages sent", Long.toString(status.messagesSent()));
        row(html, "received", "Messages received", Long.toString(status.messagesReceived()));
        html.append("</table>\n");
        subscriptions(name, status.subscriptions(), html);
        html.append("<form method=\"post\" class=\"tether-reconnect\" action=\"").append(attribute(pluginRoot))
            .append("\"><input type=\"hidden\" name=\"action\" value=\"reconnect\">")
            .append("<input type=\"hidden\" name=\"connection\" value=\"").append(attribute(name)).append("\">")
            .append("<button type=\"submit\">Reconnect now</button></form>\n</div>\n");
        live(name, status.server(), metrics, html);
        html.append("</div>\n</div>\n");
    }

    /**
     * The chart, drawn by {@code tether.js} from the JSON, and the timeline, rendered here and
     * re-rendered there with the same markup whenever the page polls.
     */
    private static void live(String name, String server, Optional<ConnectionMetrics> metrics, StringBuilder html) {
        html.append("<div class=\"tether-live\">\n")
            .append("<h3 class=\"tether-subtitle\">Messages per second and queue depth, last 15 minutes</h3>\n")
            .append("<div class=\"tether-chart ui-widget-content ui-corner-all\" data-connection=\"")
            .append(attribute(name)).append("\"><p class=\"tether-chart-empty\">")
            .append(metrics.isPresent() ? "Waiting for the first samples\u2026" : NO_METRICS).append("</p></div>\n")
            .append("<h3 class=\"tether-subtitle\">Events, newest first</h3>\n")
            .append("<div class=\"tether-events-box ui-corner-all\">\n")
            .append("<table class=\"tether-events\" data-connection=\"").append(attribute(name)).append("\">\n")
            .append("<thead><tr><th class=\"ui-widget-header\">Time</th><th class=\"ui-widget-header\">Event</th>")
            .append("<th class=\"ui-widget-header\">Detail</th></tr></thead>\n<tbody>\n");
        List<Event> events = metrics.map(ConnectionMetrics::recentEvents).orElse(List.of());
        if (events.isEmpty()) {
            html.append("<tr class=\"tether-empty\"><td colspan=\"3\">")
                .append(metrics.isPresent() ? "no events yet" : NO_METRICS).append("</td></tr>\n");
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            event(events.get(i), server, html);
        }
        html.append("</tbody>\n</table>\n</div>\n</div>\n");
    }

    private static void event(Event event, String server, StringBuilder html) {
        String type = event.type();
        html.append("<tr class=\"tether-event\" data-type=\"").append(attribute(type)).append("\">")
            .append("<td class=\"time\">").append(text(Formatting.time(event.time()))).append("</td>")
            .append("<td class=\"type\"><span class=\"tether-event-type tether-event-")
            .append(attribute(type.toLowerCase(Locale.ROOT))).append(" ui-corner-all\">").append(text(type))
            .append("</span>");
        if (event.count() > 1) {
            html.append(" <span class=\"count\">\u00d7").append(event.count()).append("</span>");
        }
        html.append("</td><td class=\"detail\">").append(text(Formatting.error(event.detail(), server)))
            .append("</td></tr>\n");
    }

    private static void gone(String name, StringBuilder html) {
        sectionStart(name, html);
        row(html, "state", "State",
            "<span class=\"tether-state tether-state-gone ui-corner-all\">" + ConnectionSnapshot.WENT_AWAY + "</span>");
        html.append("</table>\n</div>\n</div>\n</div>\n");
    }

    private static void sectionStart(String name, StringBuilder html) {
        html.append("<div class=\"tether-section\">\n<h2 class=\"tether-title\">Connection ").append(text(name))
            .append("</h2>\n<div class=\"tether-columns\">\n<div class=\"tether-facts\">\n")
            .append("<table class=\"tether-connection\" data-connection=\"").append(attribute(name)).append("\">\n");
    }

    private static void row(StringBuilder html, String field, String label, String valueHtml) {
        html.append("<tr data-field=\"").append(field).append("\"><th>").append(label).append("</th><td>")
            .append(valueHtml).append("</td></tr>\n");
    }

    private static void subscriptions(String name, List<SubscriptionStatus> subscriptions, StringBuilder html) {
        html.append("<table class=\"tether-subscriptions\" data-connection=\"").append(attribute(name)).append("\">\n")
            .append("<tr><th class=\"ui-widget-header\">Topic filter</th><th class=\"ui-widget-header\">QoS</th>")
            .append("<th class=\"ui-widget-header\">Granted</th><th class=\"ui-widget-header\">Listeners</th></tr>\n");
        if (subscriptions.isEmpty()) {
            html.append("<tr class=\"tether-empty\"><td colspan=\"4\">no subscriptions</td></tr>\n");
        }
        for (SubscriptionStatus subscription : subscriptions) {
            String filter = subscription.topicFilter();
            html.append("<tr data-filter=\"").append(attribute(filter)).append("\"><td class=\"filter\">")
                .append(text(filter)).append("</td><td class=\"qos\">").append(subscription.qos())
                .append("</td><td class=\"granted\">").append(text(Formatting.granted(subscription)))
                .append("</td><td class=\"listeners\">").append(subscription.listenerCount()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }
}
