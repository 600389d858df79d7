package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.wire.WireSample;

/** Everything one benchmark run measured, in the order it is reported. Filled by one thread. */
public final class Results {

    /** A column: JSON key and heading. */
    public record Column(String key, String name) {
    }

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Column> columns = new ArrayList<>();
    private final Map<Flow, Map<BenchCase, Map<String, List<ThroughputSample>>>> flows = new EnumMap<>(Flow.class);
    private final Map<BenchCase, Map<String, List<LatencySample>>> latency = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<OperationalFigure> operational = new ArrayList<>();
    private final List<WireSample> wire = new ArrayList<>();
    private final Map<BenchCase, Map<String, List<ThroughputSample>>> defaultInflight = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> brokerTerms = new LinkedHashMap<>();
    private double durationSeconds;
    private int latencyRate;

    public Map<String, String> environment() {
        return environment;
    }

    public Map<String, Object> settings() {
        return settings;
    }

    public List<Column> columns() {
        return columns;
    }

    public void addColumn(String key, String name) {
        columns.add(new Column(key, name));
    }

    /** @return the end-to-end throughput runs */
    public Map<BenchCase, Map<String, List<ThroughputSample>>> throughput() {
        return flow(Flow.THROUGHPUT);
    }

    /** @return the throughput runs of one flow, by case and column; empty if the part did not run */
    public Map<BenchCase, Map<String, List<ThroughputSample>>> flow(Flow flow) {
        return flows.computeIfAbsent(flow, f -> new LinkedHashMap<>());
    }

    public Map<BenchCase, Map<String, List<LatencySample>>> latency() {
        return latency;
    }

    public void add(Flow flow, BenchCase benchCase, String column, ThroughputSample sample) {
        flow(flow).computeIfAbsent(benchCase, c -> new LinkedHashMap<>())
            .computeIfAbsent(column, c -> new ArrayList<>()).add(sample);
    }

    public void add(BenchCase benchCase, String column, LatencySample sample) {
        latency.computeIfAbsent(benchCase, c -> new LinkedHashMap<>())
            .computeIfAbsent(column, c -> new ArrayList<>()).add(sample);
    }

    /** @return what went wrong, by "case/column/kind", for runs that threw */
    public Map<String, String> failures() {
        return failures;
    }

    public List<OperationalFigure> operational() {
        return operational;
    }

    /** @return the topic-alias runs: what Tether wrote on the wire per configuration and QoS (mqtt5 part) */
    public List<WireSample> wire() {
        return wire;
    }

    /**
     * @return end-to-end runs against a second Mosquitto with {@code max_inflight_messages} at its default (20), by
     *         case and column (mqtt5 part)
     */
    public Map<BenchCase, Map<String, List<ThroughputSample>>> defaultInflight() {
        return defaultInflight;
    }

    public void addDefaultInflight(BenchCase benchCase, String column, ThroughputSample sample) {
        defaultInflight.computeIfAbsent(benchCase, c -> new LinkedHashMap<>())
            .computeIfAbsent(column, c -> new ArrayList<>()).add(sample);
    }

    /** @return the numeric CONNACK properties MQTT 5 clients got, by where they connected (mqtt5 part) */
    public Map<String, Map<String, Long>> brokerTerms() {
        return brokerTerms;
    }

    /** @return messages per second of the latency runs, 0 if unknown */
    public int latencyRate() {
        return latencyRate;
    }

    public void latencyRate(int messagesPerSecond) {
        this.latencyRate = messagesPerSecond;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    public void durationSeconds(double seconds) {
        this.durationSeconds = seconds;
    }
}
