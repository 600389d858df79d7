package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.CallTimes;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;

/** Reads the results the way both reports present them: per case and column, over the measured rounds. */
final class Tables {

    static final String TETHER = "tether";
    static final String PAHO = "paho";
    static final String HIVEMQ = "hivemq";
    static final String NATIVE = "mosquitto-clients";
    static final String TETHER5 = "tether5";
    static final String TETHER_NO_METRICS = TETHER + TetherDriver.NO_METRICS_SUFFIX;
    static final String HIVEMQ5 = "hivemq5";

    /** A column of ratios in the throughput and CPU tables: one client's median over another's. */
    record RatioColumn(String heading, String numerator, String denominator) {
    }

    /**
     * @return Tether 3.1.1 over raw Paho and over HiveMQ (always, "–" where not measured), and, when the run has the
     *         columns, each client's MQTT 5 over its MQTT 3.1.1 and Tether counting metrics over Tether not counting
     */
    static List<RatioColumn> ratioColumns(Results results) {
        List<RatioColumn> columns = new ArrayList<>(List.of(new RatioColumn("Tether / Paho", TETHER, PAHO),
            new RatioColumn("Tether / HiveMQ", TETHER, HIVEMQ)));
        if (hasColumn(results, TETHER5) && hasColumn(results, TETHER)) {
            columns.add(new RatioColumn("Tether 5 / 3.1.1", TETHER5, TETHER));
        }
        if (hasColumn(results, TETHER_NO_METRICS) && hasColumn(results, TETHER)) {
            columns.add(new RatioColumn("metrics on / off", TETHER, TETHER_NO_METRICS));
        }
        if (hasColumn(results, HIVEMQ5) && hasColumn(results, HIVEMQ)) {
            columns.add(new RatioColumn("HiveMQ 5 / 3", HIVEMQ5, HIVEMQ));
        }
        return columns;
    }

    static boolean hasColumn(Results results, String key) {
        return results.columns().stream().anyMatch(column -> column.key().equals(key));
    }

    private Tables() {
    }

    /** The file-queue rows show Tether's file-queue figures ("tether-file", "tether-fsync") in the Tether column. */
    static String sourceKey(BenchCase benchCase, String column) {
        return benchCase.fileQueue() && TETHER.equals(column) ? TETHER + benchCase.queue().keySuffix() : column;
    }

    static List<ThroughputSample> throughput(Results results, BenchCase benchCase, String column) {
        return throughput(results, Flow.THROUGHPUT, benchCase, column);
    }

    static List<ThroughputSample> throughput(Results results, Flow flow, BenchCase benchCase, String column) {
        Map<String, List<ThroughputSample>> byColumn = results.flow(flow).get(benchCase);
        List<ThroughputSample> samples = byColumn == null ? null : byColumn.get(sourceKey(benchCase, column));
        return samples == null ? List.of() : samples;
    }

    static List<LatencySample> latency(Results results, BenchCase benchCase, String column) {
        Map<String, List<LatencySample>> byColumn = results.latency().get(benchCase);
        List<LatencySample> samples = byColumn == null ? null : byColumn.get(sourceKey(benchCase, column));
        return samples == null ? List.of() : samples;
    }

    /** @return the summary of the complete rounds' messages per second, null if none was complete */
    static Summary messagesPerSecond(List<ThroughputSample> samples) {
        List<Double> values = new ArrayList<>();
        for (ThroughputSample sample : samples) {
            if (sample.complete()) {
                values.add(sample.messagesPerSecond());
            }
        }
        return Summary.of(values);
    }

    /** @return the summary of the complete rounds' JVM CPU per message, null if not measured */
    static Summary cpuPerMessage(List<ThroughputSample> samples) {
        List<Double> values = new ArrayList<>();
        for (ThroughputSample sample : samples) {
            if (sample.complete()) {
                values.add(sample.cpuMicrosPerMessage());
            }
        }
        return Summary.of(values);
    }

    static Summary latency(List<LatencySample> samples, ToDoubleFunction<LatencySample> percentile) {
        List<Double> values = new ArrayList<>();
        for (LatencySample sample : samples) {
            if (sample.complete()) {
                values.add(percentile.applyAsDouble(sample));
            }
        }
        return Summary.of(values);
    }

    /**
     * @return whether a file-queue row has a ratio over this column: the other clients' memory figures, yes; Tether's
     *         own column without metrics, no (it would set the file queue against the memory queue, not the counts)
     */
    static boolean comparesFileRows(String denominator) {
        return !TETHER_NO_METRICS.equals(denominator);
    }

    /** The case a ratio compares with: for a file-queue row, the same QoS and size with the memory queue. */
    static BenchCase comparable(Results results, BenchCase benchCase) {
        return comparable(results, Flow.THROUGHPUT, benchCase);
    }

    static BenchCase comparable(Results results, Flow flow, BenchCase benchCase) {
        if (!benchCase.fileQueue()) {
            return benchCase;
        }
        for (BenchCase other : results.flow(flow).keySet()) {
            if (!other.fileQueue() && other.qos() == benchCase.qos()
                    && other.payloadBytes() == benchCase.payloadBytes()) {
                return other;
            }
        }
        return benchCase;
    }

    /** @return Tether's median over the other's median, null when either is missing */
    static Double ratio(Results results, BenchCase benchCase, String other) {
        return ratio(results, Flow.THROUGHPUT, benchCase, other);
    }

    /** @return Tether's median messages per second over the other's, null when either is missing */
    static Double ratio(Results results, Flow flow, BenchCase benchCase, String other) {
        return ratio(results, flow, benchCase, TETHER, other);
    }

    /** @return one column's median messages per second over another's, null when either is missing */
    static Double ratio(Results results, Flow flow, BenchCase benchCase, String numerator, String denominator) {
        if (benchCase.fileQueue() && !comparesFileRows(denominator)) {
            return null;
        }
        Summary over = messagesPerSecond(throughput(results, flow, benchCase, numerator));
        Summary under = messagesPerSecond(throughput(results, flow, comparable(results, flow, benchCase),
            denominator));
        return over == null || under == null || under.median() == 0 ? null : over.median() / under.median();
    }

    /** @return Tether's median JVM CPU per message over the other's, null when either is missing */
    static Double cpuRatio(Results results, Flow flow, BenchCase benchCase, String other) {
        return cpuRatio(results, flow, benchCase, TETHER, other);
    }

    /** @return one column's median JVM CPU per message over another's, null when either is missing */
    static Double cpuRatio(Results results, Flow flow, BenchCase benchCase, String numerator, String denominator) {
        if (benchCase.fileQueue() && !comparesFileRows(denominator)) {
            return null;
        }
        Summary over = cpuPerMessage(throughput(results, flow, benchCase, numerator));
        Summary under = cpuPerMessage(throughput(results, flow, comparable(results, flow, benchCase), denominator));
        return over == null || under == null || under.median() == 0 ? null : over.median() / under.median();
    }

    /** @return the summary of the complete rounds' publisher completion rate, null if not measured */
    static Summary publishedPerSecond(List<ThroughputSample> samples) {
        List<Double> values = new ArrayList<>();
        for (ThroughputSample sample : samples) {
            if (sample.complete()) {
                values.add(sample.publishedPerSecond());
            }
        }
        return Summary.of(values);
    }

    /** @return the summary of the complete rounds' publish call times, null if not measured */
    static Summary callTimes(List<ThroughputSample> samples, ToDoubleFunction<CallTimes> percentile) {
        List<Double> values = new ArrayList<>();
        for (ThroughputSample sample : samples) {
            if (sample.complete() && sample.calls() != null) {
                values.add(percentile.applyAsDouble(sample.calls()));
            }
        }
        return Summary.of(values);
    }

    /** @return the summary over the complete rounds of a wear figure, null if none was available */
    static Summary wear(List<ThroughputSample> samples, ToDoubleFunction<Wear> figure) {
        List<Double> values = new ArrayList<>();
        for (ThroughputSample sample : samples) {
            if (sample.complete() && sample.wear() != null && sample.wear().available()) {
                values.add(figure.applyAsDouble(sample.wear()));
            }
        }
        return Summary.of(values);
    }

    /** @return whether the latency runs' rate is above the client's median end-to-end throughput in this case */
    static boolean overCapacity(Results results, BenchCase benchCase, String column) {
        Summary carried = messagesPerSecond(throughput(results, benchCase, column));
        return results.latencyRate() > 0 && carried != null && carried.median() < results.latencyRate();
    }

    static int incomplete(List<ThroughputSample> samples) {
        return (int) samples.stream().filter(sample -> !sample.complete()).count();
    }

    static int incompleteLatency(List<LatencySample> samples) {
        return (int) samples.stream().filter(sample -> !sample.complete()).count();
    }
}
