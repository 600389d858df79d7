package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.ThroughputSample;

/** The Markdown tables of one throughput flow: messages per second, and JVM CPU time per message. */
final class FlowMarkdown {

    private static final Map<Flow, String> INTRO = Map.of(
        Flow.THROUGHPUT, "A publisher and a subscriber of the same client, both in this JVM: messages per second from"
            + " the first publish until the subscriber had all of them",
        Flow.RECEIVE, "One subscriber of the client, fed by native publishers (mosquitto_pub -l, see the settings) at"
            + " the same QoS: messages per second from the first line written into them until the subscriber had all"
            + " of them, sequence numbers counted. The mosquitto_pub/sub column is mosquitto_sub fed the same way: what"
            + " a C subscriber gets from the same feed",
        Flow.PUBLISH, "One publisher of the client, publishing as fast as it takes them (the same outstanding bound as"
            + " end to end) to mosquitto_sub -C N at the same QoS: messages per second from the first publish until"
            + " mosquitto_sub had them all; its output is counted afterwards for duplicates and gaps. The"
            + " mosquitto_pub/sub column is mosquitto_pub publishing the same way");

    private static final Map<Flow, String> CPU = Map.of(
        Flow.THROUGHPUT, "publisher, subscriber and harness together",
        Flow.RECEIVE, "the subscriber and the harness, less the harness threads writing into mosquitto_pub",
        Flow.PUBLISH, "the publisher and the harness");

    /** A Java client's receive rate at this share of the C subscriber's or more is read as bound by the feed. */
    private static final double FEED_LIMIT = 0.9;

    private FlowMarkdown() {
    }

    static void render(StringBuilder out, Results results, Flow flow) {
        if (results.flow(flow).isEmpty()) {
            return;
        }
        out.append("## ").append(flow.title()).append("\n\n").append(INTRO.get(flow)).append(": median of the"
            + " measured rounds (min–max). Ratios are of the medians (Tether / Paho and Tether / HiveMQ of Tether"
            + " 3.1.1); the file-queue rows are compared with the other clients' in-memory figures.\n\n");
        table(out, results, flow, samples -> Tables.messagesPerSecond(samples), true);
        if (flow == Flow.RECEIVE) {
            feedLimit(out, results);
        }
        if (flow == Flow.PUBLISH) {
            out.append("The publisher's own rate, to its last completion (QoS 0 written, QoS 1/2 acknowledged), from"
                + " the same runs:\n\n");
            table(out, results, flow, samples -> Tables.publishedPerSecond(samples), false);
            PublishCallMarkdown.render(out, results);
        }
        cpu(out, results, flow);
    }

    private static void table(StringBuilder out, Results results, Flow flow,
            Function<List<ThroughputSample>, Summary> figure, boolean withNative) {
        List<Results.Column> columns = results.columns().stream()
            .filter(column -> withNative || !column.key().equals(Tables.NATIVE)).toList();
        List<Tables.RatioColumn> ratios = Tables.ratioColumns(results);
        out.append("| case | messages |");
        columns.forEach(column -> out.append(' ').append(column.name()).append(" |"));
        ratios.forEach(ratio -> out.append(' ').append(ratio.heading()).append(" |"));
        out.append("\n|---|---:|");
        columns.forEach(column -> out.append("---:|"));
        ratios.forEach(ratio -> out.append("---:|"));
        out.append('\n');
        for (BenchCase benchCase : results.flow(flow).keySet()) {
            out.append("| ").append(benchCase.label()).append(" | ").append(String.format(Locale.ROOT, "%,d",
                benchCase.count())).append(" |");
            for (Results.Column column : columns) {
                out.append(' ').append(cell(Tables.throughput(results, flow, benchCase, column.key()), figure))
                    .append(" |");
            }
            for (Tables.RatioColumn ratio : ratios) {
                out.append(' ').append(ratio(results, flow, benchCase, ratio, figure)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /**
     * Names the cells where a Java client received about as fast as mosquitto_sub from the same feed: there the feed
     * and the broker (which share the machine with the client) may bound the figure, and a ratio near 1 between two
     * such clients says little.
     */
    private static void feedLimit(StringBuilder out, Results results) {
        List<String> cells = new ArrayList<>();
        for (BenchCase benchCase : results.flow(Flow.RECEIVE).keySet()) {
            Summary c = Tables.messagesPerSecond(Tables.throughput(results, Flow.RECEIVE, benchCase, Tables.NATIVE));
            if (c == null) {
                continue;
            }
            List<String> clients = new ArrayList<>();
            for (Results.Column column : results.columns()) {
                Summary java = column.key().equals(Tables.NATIVE) ? null
                    : Tables.messagesPerSecond(Tables.throughput(results, Flow.RECEIVE, benchCase, column.key()));
                if (java != null && java.median() >= FEED_LIMIT * c.median()) {
                    clients.add(column.name());
                }
            }
            if (!clients.isEmpty()) {
                cells.add(benchCase.label() + " (" + String.join(", ", clients) + ")");
            }
        }
        if (!cells.isEmpty()) {
            out.append("At the feed's limit, at least 90 % of what mosquitto_sub got from the same feed: ")
                .append(String.join("; ", cells)).append(".\n\n");
        }
    }

    /** CPU per message of the Java clients: the same harness runs in the same JVM for each, so it compares. */
    private static void cpu(StringBuilder out, Results results, Flow flow) {
        List<Results.Column> measured = results.columns().stream()
            .filter(column -> !column.key().equals(Tables.NATIVE)).toList();
        List<Tables.RatioColumn> ratios = Tables.ratioColumns(results);
        out.append("JVM CPU time per message (µs; ").append(CPU.get(flow)).append(", the garbage collector"
            + " included, the JIT compiler not; median of the rounds; the broker and native clients not included):"
            + "\n\n| case |");
        measured.forEach(column -> out.append(' ').append(column.name()).append(" |"));
        ratios.forEach(ratio -> out.append(' ').append(ratio.heading()).append(" |"));
        out.append("\n|---|");
        measured.forEach(column -> out.append("---:|"));
        ratios.forEach(ratio -> out.append("---:|"));
        out.append('\n');
        for (BenchCase benchCase : results.flow(flow).keySet()) {
            out.append("| ").append(benchCase.label()).append(" |");
            for (Results.Column column : measured) {
                List<ThroughputSample> samples = Tables.throughput(results, flow, benchCase, column.key());
                Summary cpu = samples.isEmpty() ? null : Tables.cpuPerMessage(samples);
                out.append(' ').append(cpu == null ? "–" : String.format(Locale.ROOT, "%.1f", cpu.median()))
                    .append(" |");
            }
            for (Tables.RatioColumn ratio : ratios) {
                out.append(' ').append(times(Tables.cpuRatio(results, flow, benchCase, ratio.numerator(),
                    ratio.denominator()))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static String cell(List<ThroughputSample> samples, Function<List<ThroughputSample>, Summary> figure) {
        if (samples.isEmpty()) {
            return "–";
        }
        Summary summary = figure.apply(samples);
        if (summary == null) {
            return Tables.incomplete(samples) > 0 ? "incomplete: " + incompleteDetail(samples) : "–";
        }
        int incomplete = Tables.incomplete(samples);
        int duplicates = samples.stream().mapToInt(ThroughputSample::duplicates).sum();
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", summary.median(), summary.min(), summary.max())
            + (duplicates == 0 ? "" : " (" + duplicates + " duplicates)")
            + (incomplete == 0 ? "" : " (" + incomplete + " of " + samples.size() + " rounds incomplete: "
                + incompleteDetail(samples) + ")");
    }

    private static String incompleteDetail(List<ThroughputSample> samples) {
        for (ThroughputSample sample : samples) {
            if (!sample.complete()) {
                return String.format(Locale.ROOT, "%,d of %,d received, %d publishes failed", sample.received(),
                    sample.expected(), sample.failed()) + (sample.error() == null ? "" : ", " + sample.error());
            }
        }
        return "";
    }

    private static String ratio(Results results, Flow flow, BenchCase benchCase, Tables.RatioColumn ratio,
            Function<List<ThroughputSample>, Summary> figure) {
        if (benchCase.fileQueue() && !Tables.comparesFileRows(ratio.denominator())) {
            return "–";
        }
        Summary over = figure.apply(Tables.throughput(results, flow, benchCase, ratio.numerator()));
        Summary under = figure.apply(Tables.throughput(results, flow, Tables.comparable(results, flow, benchCase),
            ratio.denominator()));
        return over == null || under == null || under.median() == 0 ? "–" : times(over.median() / under.median());
    }

    static String times(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
