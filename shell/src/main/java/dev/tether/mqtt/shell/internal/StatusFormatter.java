package dev.tether.mqtt.shell.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/**
 * Turns connection statuses into plain text lines: the table of {@code mqtt:connections} and the
 * full report of {@code mqtt:status}. Everything shown comes from {@link ConnectionStatus}, which
 * holds no secret, so nothing here can leak a password.
 */
final class StatusFormatter {

    private static final String[] TABLE_HEADER = {"NAME", "STATE", "SERVER", "CLIENT ID"};
    private static final String COLUMN_GAP = "  ";

    private final Clock clock;

    /** @param clock tells how long ago the connection was made */
    StatusFormatter(Clock clock) {
        this.clock = clock;
    }

    /** @return a header and one line per connection, in aligned columns: name, state, server, client id */
    List<String> table(List<ConnectionStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(TABLE_HEADER);
        for (ConnectionStatus status : statuses) {
            rows.add(new String[] {status.connectionName(), status.state().name(), status.server(), status.clientId()});
        }
        int[] widths = new int[TABLE_HEADER.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    line.append(COLUMN_GAP);
                }
                line.append(column == row.length - 1 ? row[column] : pad(row[column], widths[column]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** @return every field of the status, one per line, then one line per subscription */
    List<String> status(ConnectionStatus status) {
        List<String> lines = new ArrayList<>();
        field(lines, "connection", status.connectionName());
        field(lines, "state", status.state().name());
        field(lines, "server", status.server());
        field(lines, "client id", status.clientId());
        field(lines, "protocol", status.protocolVersion().map(version -> "MQTT " + version).orElse("not connected"));
        status.assignedClientId().ifPresent(id -> field(lines, "assigned client id", id));
        status.serverKeepAlive().ifPresent(seconds -> field(lines, "server keep alive", seconds + "s"));
        status.sharedSubscriptionsAvailable().ifPresent(shared -> field(lines, "shared subscriptions",
            shared ? "supported" : "not supported"));
        field(lines, "connected since", status.connectedSince().map(this::since).orElse("not connected"));
        field(lines, "reconnect attempts", Integer.toString(status.reconnectAttempts()));
        field(lines, "last error", status.lastError().orElse("none"));
        field(lines, "messages sent", Long.toString(status.messagesSent()));
        field(lines, "messages received", Long.toString(status.messagesReceived()));
        field(lines, "queued messages", Integer.toString(status.queuedMessages()));
        field(lines, "in flight", Integer.toString(status.inFlightMessages()));
        field(lines, "oldest queued", status.oldestMessageAge().map(StatusFormatter::duration).orElse("none"));
        field(lines, "dropped messages", Long.toString(status.droppedMessages()));
        field(lines, "subscriptions", Integer.toString(status.subscriptionCount()));
        lines.addAll(subscriptions(status.subscriptions()));
        return lines;
    }

    /** @return one indented line per subscription: filter (aligned), QoS asked and granted, listener count */
    static List<String> subscriptions(List<SubscriptionStatus> subscriptions) {
        int width = subscriptions.stream().mapToInt(s -> s.topicFilter().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (SubscriptionStatus subscription : subscriptions) {
            int listeners = subscription.listenerCount();
            String granted = subscription.grantedQos().isPresent()
                ? Integer.toString(subscription.grantedQos().getAsInt())
                : subscription.refusalCode().isPresent()
                    ? String.format("refused (0x%02X)", subscription.refusalCode().getAsInt()) : "-";
            lines.add("  " + pad(subscription.topicFilter(), width) + COLUMN_GAP + "QoS " + subscription.qos()
                + COLUMN_GAP + "granted " + granted + COLUMN_GAP + listeners + (listeners == 1 ? " listener" : " listeners"));
        }
        return lines;
    }

    /**
     * @return a duration the way a person reads it: {@code 2d 3h 4m 5s}, leaving out zero units;
     *     under a second in milliseconds
     */
    static String duration(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.max(0, duration.toMillis()) + "ms";
        }
        StringBuilder text = new StringBuilder();
        unit(text, duration.toDaysPart(), "d");
        unit(text, duration.toHoursPart(), "h");
        unit(text, duration.toMinutesPart(), "m");
        unit(text, duration.toSecondsPart(), "s");
        return text.toString();
    }

    private String since(Instant connected) {
        Duration ago = Duration.between(connected, clock.instant());
        return connected.truncatedTo(ChronoUnit.MILLIS) + " (" + duration(ago) + " ago)";
    }

    private static void unit(StringBuilder text, long value, String unit) {
        if (value != 0) {
            text.append(text.length() == 0 ? "" : " ").append(value).append(unit);
        }
    }

    private static void field(List<String> lines, String name, String value) {
        lines.add(pad(name, 22) + value);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
