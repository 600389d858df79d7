package dev.tether.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;

/** The results as Markdown tables, the form the "Performance" section of docs/performance.md takes them in. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Results results) {
        StringBuilder out = new StringBuilder();
        out.append("# Tether benchmark results\n\n");
        out.append("| | |\n|---|---|\n");
        results.environment().forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value)
            .append(" |\n"));
        out.append('\n');
        out.append("Settings: ");
        StringBuilder settings = new StringBuilder();
        results.settings().forEach((key, value) -> settings.append(settings.length() == 0 ? "" : ", ")
            .append(key).append(' ').append(value));
        out.append(settings).append(". Whole run: ")
            .append(String.format(Locale.ROOT, "%.0f", results.durationSeconds())).append(" s.\n\n");
        for (Flow flow : Flow.values()) {
            FlowMarkdown.render(out, results, flow);
        }
        WearMarkdown.render(out, results);
        latency(out, results);
        Mqtt5Markdown.render(out, results);
        operational(out, results);
        goals(out, results);
        queueGoals(out, results);
        protocolGoals(out, results);
        metricsGoals(out, results);
        if (!results.failures().isEmpty()) {
            out.append("## Runs that failed\n\n");
            results.failures().forEach((run, error) -> out.append("- ").append(run).append(": ")
                .append(error.replace('\n', ' ')).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static void latency(StringBuilder out, Results results) {
        if (results.latency().isEmpty()) {
            return;
        }
        out.append("## Latency at ").append(results.settings().getOrDefault("latency rate", "?"))
            .append("\n\nEnd to end, scheduled send time to arrival, in ms: p50 / p99 / p99.9, each the median of "
                + "the measured rounds. Marked (over capacity): the rate is above what the client carried end to end"
                + " in the throughput runs of this case, so its messages queue up and the figure grows with the"
                + " length of the run rather than telling a latency.\n\n");
        // the MQTT 5 columns are not measured here
        List<Results.Column> columns = results.columns().stream().filter(column -> results.latency().keySet()
            .stream().anyMatch(benchCase -> !Tables.latency(results, benchCase, column.key()).isEmpty())).toList();
        out.append("| case |");
        columns.forEach(column -> out.append(' ').append(column.name()).append(" |"));
        out.append(" Tether p99 − Paho p99 |\n|---|");
        columns.forEach(column -> out.append("---:|"));
        out.append("---:|\n");
        for (BenchCase benchCase : results.latency().keySet()) {
            out.append("| ").append(benchCase.label()).append(" |");
            for (Results.Column column : columns) {
                out.append(' ').append(latencyCell(Tables.latency(results, benchCase, column.key())))
                    .append(Tables.overCapacity(results, benchCase, column.key()) ? " (over capacity)" : "")
                    .append(" |");
            }
            Summary tether = Tables.latency(Tables.latency(results, benchCase, Tables.TETHER),
                LatencySample::p99Millis);
            Summary paho = Tables.latency(Tables.latency(results, Tables.comparable(results, benchCase), Tables.PAHO),
                LatencySample::p99Millis);
            out.append(' ').append(tether == null || paho == null ? "–"
                : String.format(Locale.ROOT, "%+.2f ms", tether.median() - paho.median())).append(" |\n");
        }
        out.append("\nSpread (min–max over the rounds):\n\n| case | client | p50 | p99 | p99.9 | max |\n"
            + "|---|---|---:|---:|---:|---:|\n");
        for (Map.Entry<BenchCase, Map<String, List<LatencySample>>> entry : results.latency().entrySet()) {
            for (Results.Column column : results.columns()) {
                List<LatencySample> samples = Tables.latency(results, entry.getKey(), column.key());
                if (samples.isEmpty()) {
                    continue;
                }
                out.append("| ").append(entry.getKey().label()).append(" | ").append(column.name()).append(" | ")
                    .append(spread(samples, LatencySample::p50Millis)).append(" | ")
                    .append(spread(samples, LatencySample::p99Millis)).append(" | ")
                    .append(spread(samples, LatencySample::p999Millis)).append(" | ")
                    .append(spread(samples, LatencySample::maxMillis)).append(" |\n");
            }
        }
        out.append('\n');
    }

    private static String latencyCell(List<LatencySample> samples) {
        if (samples.isEmpty()) {
            return "–";
        }
        Summary p50 = Tables.latency(samples, LatencySample::p50Millis);
        if (p50 == null) {
            LatencySample first = samples.get(0);
            return String.format(Locale.ROOT, "incomplete: %,d of %,d received", first.received(), first.expected());
        }
        int incomplete = Tables.incompleteLatency(samples);
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p50.median(),
            Tables.latency(samples, LatencySample::p99Millis).median(),
            Tables.latency(samples, LatencySample::p999Millis).median())
            + (incomplete == 0 ? "" : " (" + incomplete + " of " + samples.size() + " rounds incomplete)");
    }

    private static String spread(List<LatencySample> samples, ToDoubleFunction<LatencySample> percentile) {
        Summary summary = Tables.latency(samples, percentile);
        return summary == null ? "–"
            : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", summary.median(), summary.min(), summary.max());
    }

    private static void operational(StringBuilder out, Results results) {
        if (results.operational().isEmpty()) {
            return;
        }
        out.append("## Operational figures\n\nMedian of the rounds (min–max).\n\n"
            + "| figure | Tether | raw Paho | HiveMQ client | how |\n|---|---:|---:|---:|---|\n");
        for (OperationalFigure figure : results.operational()) {
            out.append("| ").append(figure.label()).append(" (").append(figure.unit()).append(") | ")
                .append(cell(figure, Tables.TETHER)).append(" | ").append(cell(figure, Tables.PAHO)).append(" | ")
                .append(cell(figure, Tables.HIVEMQ)).append(" | ").append(figure.note()).append(" |\n");
        }
        out.append('\n');
    }

    private static String cell(OperationalFigure figure, String client) {
        OperationalFigure.Cell cell = figure.cells().get(client);
        if (cell == null) {
            return "–";
        }
        if (cell.text() != null) {
            return cell.text();
        }
        Summary summary = cell.summary();
        if (summary == null) {
            return "n/a";
        }
        String format = Math.abs(summary.median()) >= 100 ? "%,.0f" : "%.2f";
        String median = String.format(Locale.ROOT, format, summary.median());
        if (summary.rounds() == 1 || summary.min() == summary.max()) {
            return median;
        }
        return median + String.format(Locale.ROOT, " (" + format + "–" + format + ")", summary.min(), summary.max());
    }

    private static void goals(StringBuilder out, Results results) {
        out.append("## Goals (issue 14)\n\nFrom this run's medians; a cell is a QoS and payload size, the file-queue"
            + " rows left out.\n\n");
        goalList(out, Goals.evaluate(results));
    }

    private static void queueGoals(StringBuilder out, Results results) {
        out.append("## Goals (issue 16)\n\nThe file queue, from this run's medians: publish rates from the publish"
            + " part (one publisher), each file-queue row against the memory row of the same QoS and size.\n\n");
        goalList(out, QueueGoals.evaluate(results));
    }

    private static void protocolGoals(StringBuilder out, Results results) {
        out.append("## Goals (issue 15)\n\nMQTT 5 against MQTT 3.1.1, from this run's medians: Tether 5's rate over"
            + " Tether 3.1.1's in each cell of each throughput part (the two interleaved in every round), and the bytes"
            + " Tether writes per 64-byte message with topic aliases against without them, both on MQTT 5.\n\n");
        goalList(out, ProtocolGoals.evaluate(results));
    }

    private static void metricsGoals(StringBuilder out, Results results) {
        out.append("## Goals (issue 17)\n\nWhat the metrics cost, from this run's medians: Tether 3.1.1 as it ships,"
            + " counting every message, over the same Tether with the per-message counts off (tether.metrics=off, read"
            + " as each connection is created), the two interleaved in every round, in each cell of each throughput"
            + " part.\n\n");
        goalList(out, MetricsGoals.evaluate(results));
    }

    private static void goalList(StringBuilder out, List<Goals.Goal> goals) {
        for (Goals.Goal goal : goals) {
            out.append("- *").append(goal.goal()).append("*: **").append(goal.status().text()).append("**. ")
                .append(goal.detail()).append('\n');
        }
        out.append('\n');
    }
}
