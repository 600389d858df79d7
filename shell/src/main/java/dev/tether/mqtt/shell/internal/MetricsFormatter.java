package dev.tether.mqtt.shell.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;
import dev.tether.mqtt.ConnectionMetrics.Latency;
import dev.tether.mqtt.ConnectionMetrics.Sample;

/**
 * Turns a connection's metrics into the plain text lines of {@code mqtt:metrics}, in the layout of
 * {@code mqtt:status}: a label, then its value, aligned; the traffic per QoS as a small table under the same labels;
 * the last {@value #EVENTS_SHOWN} events, oldest first so the newest is next to the prompt.
 */
final class MetricsFormatter {

    /** Events shown of the {@value ConnectionMetrics#EVENTS_KEPT} kept: enough to see an outage begin. */
    static final int EVENTS_SHOWN = 10;

    private static final int LABEL_WIDTH = 22;
    private static final String COLUMN_GAP = "  ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    /** @return every figure, one per line; then the last events, one per line, indented */
    List<String> metrics(ConnectionMetrics metrics) {
        List<String> lines = new ArrayList<>();
        field(lines, "connection", metrics.connectionName());
        field(lines, "taken at", TIME.format(metrics.takenAt()));
        lines.addAll(traffic(metrics));
        field(lines, "connects", Long.toString(metrics.connects()));
        field(lines, "connection losses", Long.toString(metrics.connectionLosses()));
        field(lines, "failed attempts", failedAttempts(metrics.failedAttempts()));
        field(lines, "queued messages", Integer.toString(metrics.queuedMessages()));
        field(lines, "queued bytes", Long.toString(metrics.queuedBytes()));
        field(lines, "in flight", Integer.toString(metrics.inFlightMessages()));
        field(lines, "dropped messages", Long.toString(metrics.droppedMessages()));
        field(lines, "listener overflows", Long.toString(metrics.listenerOverflows()));
        field(lines, "publish latency", metrics.publishLatency().map(MetricsFormatter::latency)
            .orElse("none in the last minute"));
        List<Sample> history = metrics.history();
        field(lines, "rates", history.isEmpty()
            ? "no sample yet (one every " + StatusFormatter.duration(ConnectionMetrics.SAMPLE_INTERVAL) + ")"
            : rates(history.get(history.size() - 1)));
        lines.addAll(events(metrics.recentEvents()));
        return lines;
    }

    /** The four per-QoS rows under a header, each figure right-aligned in a column as wide as its widest. */
    private static List<String> traffic(ConnectionMetrics metrics) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "QoS 0", "QoS 1", "QoS 2", "total"});
        rows.add(perQos("messages in", metrics::messagesIn));
        rows.add(perQos("bytes in", metrics::bytesIn));
        rows.add(perQos("messages out", metrics::messagesOut));
        rows.add(perQos("bytes out", metrics::bytesOut));
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int column = 1; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(pad(row[0], LABEL_WIDTH));
            for (int column = 1; column < row.length; column++) {
                line.append(column == 1 ? "" : COLUMN_GAP).append(padLeft(row[column], widths[column]));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String[] perQos(String label, IntToLongFunction figure) {
        long total = figure.applyAsLong(0) + figure.applyAsLong(1) + figure.applyAsLong(2);
        return new String[] {label, Long.toString(figure.applyAsLong(0)), Long.toString(figure.applyAsLong(1)),
            Long.toString(figure.applyAsLong(2)), Long.toString(total)};
    }

    private static String failedAttempts(Map<String, Long> byCause) {
        if (byCause.isEmpty()) {
            return "0";
        }
        long total = byCause.values().stream().mapToLong(Long::longValue).sum();
        return total + " (" + byCause.entrySet().stream().map(cause -> cause.getKey() + " " + cause.getValue())
            .collect(Collectors.joining(", ")) + ")";
    }

    private static String latency(Latency latency) {
        return "p50 " + latency(latency.p50()) + COLUMN_GAP + "p99 " + latency(latency.p99()) + COLUMN_GAP
            + "max " + latency(latency.max()) + COLUMN_GAP
            + "(" + latency.count() + " acknowledged in the last minute)";
    }

    /**
     * @return a latency in milliseconds under a second, in seconds under a minute, then as a duration (a message
     *     queued while offline waits that long); with three significant digits at most, since the percentiles are
     *     bucket edges and more digits would pretend a precision there is not
     */
    static String latency(Duration latency) {
        double millis = latency.toNanos() / 1e6;
        if (millis < 999.5) {
            return String.format(Locale.ROOT, millis < 1 ? "%.2fms" : millis < 100 ? "%.1fms" : "%.0fms", millis);
        }
        if (millis < 59_950) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000);
        }
        return StatusFormatter.duration(latency);
    }

    private static String rates(Sample sample) {
        return String.format(Locale.ROOT, "in %s/s  out %s/s  queued %d  (%s up to %s)", rate(sample.inPerSecond()),
            rate(sample.outPerSecond()), sample.queuedMessages(),
            StatusFormatter.duration(ConnectionMetrics.SAMPLE_INTERVAL), TIME.format(sample.time()));
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    /** A heading with how many there are, then the last few: time, type (aligned), detail, and a repeat count. */
    private static List<String> events(List<Event> events) {
        List<String> lines = new ArrayList<>();
        if (events.isEmpty()) {
            field(lines, "recent events", "none");
            return lines;
        }
        List<Event> shown = events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size());
        field(lines, "recent events", shown.size() == events.size()
            ? Integer.toString(events.size())
            : "the last " + shown.size() + " of " + events.size());
        int typeWidth = shown.stream().mapToInt(event -> event.type().length()).max().orElse(0);
        for (Event event : shown) {
            lines.add("  " + TIME.format(event.time()) + COLUMN_GAP + pad(event.type(), typeWidth) + COLUMN_GAP
                + PayloadText.oneLine(event.detail()) + (event.count() > 1 ? " x" + event.count() : ""));
        }
        return lines;
    }

    private static void field(List<String> lines, String name, String value) {
        lines.add(pad(name, LABEL_WIDTH) + value);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
