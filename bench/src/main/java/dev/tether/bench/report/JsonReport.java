package dev.tether.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.CallTimes;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;
import dev.tether.bench.wire.WireSample;

/** The results as JSON: every round's figures, besides the medians and spreads of the Markdown report. */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(Results results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", results.environment());
        root.put("settings", results.settings());
        root.put("durationSeconds", results.durationSeconds());
        List<Object> columns = new ArrayList<>();
        results.columns().forEach(column -> columns.add(Map.of("key", column.key(), "name", column.name())));
        root.put("columns", columns);
        for (Flow flow : Flow.values()) {
            root.put(flow.key(), throughput(results, flow));
        }
        root.put("latency", latency(results));
        root.put("topicAliases", wire(results));
        root.put("brokerTerms", results.brokerTerms());
        root.put("defaultInflight", defaultInflight(results));
        root.put("operational", operational(results));
        root.put("goals", goals(Goals.evaluate(results)));
        root.put("goalsIssue16", goals(QueueGoals.evaluate(results)));
        root.put("goalsIssue15", goals(ProtocolGoals.evaluate(results)));
        root.put("goalsIssue17", goals(MetricsGoals.evaluate(results)));
        root.put("failures", results.failures());
        return ResultsJson.write(root);
    }

    private static Map<String, Object> describe(BenchCase benchCase) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case", benchCase.label());
        out.put("key", benchCase.key());
        out.put("qos", benchCase.qos());
        out.put("payloadBytes", benchCase.payloadBytes());
        out.put("fileQueue", benchCase.fileQueue());
        out.put("queueSync", benchCase.queue().queueSync());
        out.put("messages", benchCase.count());
        return out;
    }

    private static List<Object> throughput(Results results, Flow flow) {
        List<Object> rows = new ArrayList<>();
        for (BenchCase benchCase : results.flow(flow).keySet()) {
            Map<String, Object> row = describe(benchCase);
            Map<String, Object> byColumn = new LinkedHashMap<>();
            for (Results.Column column : results.columns()) {
                List<ThroughputSample> samples = Tables.throughput(results, flow, benchCase, column.key());
                if (samples.isEmpty()) {
                    continue;
                }
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("client", Tables.sourceKey(benchCase, column.key()));
                summary(cell, "messagesPerSecond", Tables.messagesPerSecond(samples));
                summary(cell, "cpuMicrosPerMessage", Tables.cpuPerMessage(samples));
                if (flow != Flow.RECEIVE) {
                    summary(cell, "publishedPerSecond", Tables.publishedPerSecond(samples));
                }
                if (flow == Flow.PUBLISH) {
                    summary(cell, "publishCallP50Micros", Tables.callTimes(samples, CallTimes::p50Micros));
                    summary(cell, "publishCallP99Micros", Tables.callTimes(samples, CallTimes::p99Micros));
                    summary(cell, "writtenBytesPerMessage", Tables.wear(samples, Wear::storagePerMessage));
                    summary(cell, "wcharBytesPerMessage", Tables.wear(samples, Wear::wcharPerMessage));
                }
                cell.put("complete", Tables.incomplete(samples) == 0);
                List<Object> rounds = new ArrayList<>();
                for (ThroughputSample sample : samples) {
                    Map<String, Object> round = new LinkedHashMap<>();
                    round.put("messagesPerSecond", sample.messagesPerSecond());
                    round.put("expected", sample.expected());
                    round.put("received", sample.received());
                    round.put("duplicates", sample.duplicates());
                    round.put("gaps", sample.gaps());
                    round.put("failedPublishes", sample.failed());
                    round.put("elapsedMillis", sample.elapsedNanos() / 1e6);
                    round.put("cpuMicrosPerMessage", sample.cpuMicrosPerMessage());
                    round.put("publishedPerSecond", sample.publishedPerSecond());
                    if (sample.calls() != null) {
                        round.put("publishCall", calls(sample.calls()));
                    }
                    if (sample.wear() != null) {
                        round.put("wear", wear(sample.wear()));
                    }
                    if (sample.error() != null) {
                        round.put("error", sample.error());
                    }
                    rounds.add(round);
                }
                cell.put("rounds", rounds);
                byColumn.put(column.key(), cell);
            }
            row.put("results", byColumn);
            Map<String, Object> ratios = new LinkedHashMap<>();
            ratios.put("tetherPerPaho", Tables.ratio(results, flow, benchCase, Tables.PAHO));
            ratios.put("tetherPerHivemq", Tables.ratio(results, flow, benchCase, Tables.HIVEMQ));
            ratios.put("cpuTetherPerPaho", Tables.cpuRatio(results, flow, benchCase, Tables.PAHO));
            ratios.put("cpuTetherPerHivemq", Tables.cpuRatio(results, flow, benchCase, Tables.HIVEMQ));
            ratios.put("tether5PerTether", Tables.ratio(results, flow, benchCase, Tables.TETHER5, Tables.TETHER));
            ratios.put("tetherPerTetherNoMetrics", Tables.ratio(results, flow, benchCase, Tables.TETHER,
                Tables.TETHER_NO_METRICS));
            ratios.put("hivemq5PerHivemq", Tables.ratio(results, flow, benchCase, Tables.HIVEMQ5, Tables.HIVEMQ));
            ratios.put("cpuTether5PerTether", Tables.cpuRatio(results, flow, benchCase, Tables.TETHER5,
                Tables.TETHER));
            row.put("ratios", ratios);
            rows.add(row);
        }
        return rows;
    }

    /** The runs, and per QoS the saving of MQTT 5 with aliases against without (null unless both complete). */
    private static Map<String, Object> wire(Results results) {
        List<Object> rows = new ArrayList<>();
        for (WireSample sample : results.wire()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", sample.variant());
            row.put("name", sample.name());
            row.put("qos", sample.qos());
            row.put("payloadBytes", sample.payloadBytes());
            row.put("topic", sample.topic());
            row.put("messages", sample.messages());
            row.put("received", sample.received());
            row.put("complete", sample.complete());
            row.put("publishPackets", sample.publishPackets());
            row.put("publishBytes", sample.publishBytes());
            row.put("bytesPerMessage", sample.bytesPerMessage());
            row.put("aliasSetUp", sample.aliasSetUp());
            row.put("aliasUsed", sample.aliasUsed());
            row.put("connectionBytes", sample.connectionBytes());
            row.put("packets", sample.packets());
            row.put("brokerTerms", sample.brokerTerms());
            if (sample.error() != null) {
                row.put("error", sample.error());
            }
            rows.add(row);
        }
        Map<String, Object> savings = new LinkedHashMap<>();
        Mqtt5Markdown.byQos(results).forEach((qos, variants) -> savings.put("qos" + qos,
            Mqtt5Markdown.saving(variants)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", rows);
        out.put("savingWithAliases", savings);
        return out;
    }

    private static List<Object> defaultInflight(Results results) {
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<BenchCase, Map<String, List<ThroughputSample>>> entry : results.defaultInflight().entrySet()) {
            Map<String, Object> row = describe(entry.getKey());
            Map<String, Object> byColumn = new LinkedHashMap<>();
            entry.getValue().forEach((column, samples) -> {
                Map<String, Object> cell = new LinkedHashMap<>();
                summary(cell, "messagesPerSecond", Tables.messagesPerSecond(samples));
                cell.put("complete", Tables.incomplete(samples) == 0);
                List<Object> rounds = new ArrayList<>();
                samples.forEach(sample -> rounds.add(sample.messagesPerSecond()));
                cell.put("rounds", rounds);
                byColumn.put(column, cell);
            });
            row.put("results", byColumn);
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> calls(CallTimes calls) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50Micros", calls.p50Micros());
        out.put("p99Micros", calls.p99Micros());
        out.put("p999Micros", calls.p999Micros());
        out.put("maxMicros", calls.maxMicros());
        return out;
    }

    /** Null figures where /proc/self/io could not be read. */
    private static Map<String, Object> wear(Wear wear) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", wear.available());
        out.put("recordBytes", wear.recordBytes());
        out.put("writtenBytes", wear.available() ? wear.storageBytes() : null);
        out.put("wcharBytes", wear.available() ? wear.wcharBytes() : null);
        out.put("writtenPerRecord", wear.storageRatio());
        out.put("wcharPerRecord", wear.wcharRatio());
        return out;
    }

    private static List<Object> latency(Results results) {
        List<Object> rows = new ArrayList<>();
        for (BenchCase benchCase : results.latency().keySet()) {
            Map<String, Object> row = describe(benchCase);
            row.remove("messages");
            Map<String, Object> byColumn = new LinkedHashMap<>();
            for (Results.Column column : results.columns()) {
                List<LatencySample> samples = Tables.latency(results, benchCase, column.key());
                if (samples.isEmpty()) {
                    continue;
                }
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("client", Tables.sourceKey(benchCase, column.key()));
                percentile(cell, "p50Millis", samples, LatencySample::p50Millis);
                percentile(cell, "p99Millis", samples, LatencySample::p99Millis);
                percentile(cell, "p999Millis", samples, LatencySample::p999Millis);
                percentile(cell, "maxMillis", samples, LatencySample::maxMillis);
                cell.put("complete", Tables.incompleteLatency(samples) == 0);
                cell.put("overCapacity", Tables.overCapacity(results, benchCase, column.key()));
                List<Object> rounds = new ArrayList<>();
                for (LatencySample sample : samples) {
                    Map<String, Object> round = new LinkedHashMap<>();
                    round.put("expected", sample.expected());
                    round.put("received", sample.received());
                    round.put("p50Millis", sample.p50Millis());
                    round.put("p99Millis", sample.p99Millis());
                    round.put("p999Millis", sample.p999Millis());
                    round.put("maxMillis", sample.maxMillis());
                    rounds.add(round);
                }
                cell.put("rounds", rounds);
                byColumn.put(column.key(), cell);
            }
            row.put("results", byColumn);
            rows.add(row);
        }
        return rows;
    }

    private static void percentile(Map<String, Object> cell, String name, List<LatencySample> samples,
            ToDoubleFunction<LatencySample> percentile) {
        summary(cell, name, Tables.latency(samples, percentile));
    }

    private static void summary(Map<String, Object> cell, String name, Summary summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", summary == null ? null : summary.median());
        out.put("min", summary == null ? null : summary.min());
        out.put("max", summary == null ? null : summary.max());
        cell.put(name, out);
    }

    private static List<Object> operational(Results results) {
        List<Object> rows = new ArrayList<>();
        for (OperationalFigure figure : results.operational()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", figure.key());
            row.put("figure", figure.label());
            row.put("unit", figure.unit());
            row.put("how", figure.note());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (String client : List.of(Tables.TETHER, Tables.PAHO, Tables.HIVEMQ)) {
                OperationalFigure.Cell cell = figure.cells().get(client);
                if (cell == null) {
                    continue;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                if (cell.text() != null) {
                    out.put("text", cell.text());
                } else {
                    summary(out, "value", cell.summary());
                    out.put("rounds", cell.values());
                }
                cells.put(client, out);
            }
            row.put("results", cells);
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> goals(List<Goals.Goal> evaluated) {
        List<Object> goals = new ArrayList<>();
        for (Goals.Goal goal : evaluated) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", goal.key());
            out.put("goal", goal.goal());
            out.put("status", goal.status().text());
            // a figure without a bound is neither met nor missed
            out.put("met", goal.status() == Goals.Status.REPORTED ? null : goal.status() == Goals.Status.MET);
            out.put("detail", goal.detail());
            goals.add(out);
        }
        return goals;
    }
}
