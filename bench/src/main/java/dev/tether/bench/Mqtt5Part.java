package dev.tether.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tether.bench.broker.MosquittoBroker;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.client.TetherDriver.Protocol;
import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Contender;
import dev.tether.bench.measure.JavaClientContender;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.osgi.FelixRuntime;
import dev.tether.bench.report.Results;
import dev.tether.bench.wire.TopicAliasProbe;
import dev.tether.bench.wire.WireSample;

/**
 * The MQTT 5 part (issue 15), besides the Tether 5 column of the throughput parts: the bytes Tether writes per message
 * with topic aliases and without ({@link TopicAliasProbe}), the CONNACK terms the broker gives an MQTT 5 client, and
 * a note measured against a second Mosquitto left at its default {@code max_inflight_messages} (20), where Tether on
 * MQTT 5 must keep to a Receive Maximum of 20 and a Tether on 3.1.1 is sent at most 20 unacknowledged.
 */
final class Mqtt5Part {

    static final String MAIN_LISTENER = "the benchmark's Mosquitto (max_inflight_messages 1000), max_topic_alias 10";
    static final String NO_ALIAS_LISTENER = "the benchmark's Mosquitto, listener with max_topic_alias 0";
    static final String DEFAULT_INFLIGHT = "a Mosquitto with max_inflight_messages at its default (20)";

    private final BenchOptions options;
    private final MosquittoBroker broker;
    private final FelixRuntime felix;
    private final Results results;
    private int runs;

    Mqtt5Part(BenchOptions options, MosquittoBroker broker, FelixRuntime felix, Results results) {
        this.options = options;
        this.broker = broker;
        this.felix = felix;
        this.results = results;
    }

    void run() throws InterruptedException {
        aliases();
        defaultInflight();
    }

    private void aliases() throws InterruptedException {
        TopicAliasProbe probe = new TopicAliasProbe(felix, broker, options.window);
        Map<String, Long> main = null;
        Map<String, Long> noAliases = null;
        for (int qos : new int[] {0, 1}) {
            for (TopicAliasProbe.Variant variant : TopicAliasProbe.VARIANTS) {
                settle();
                String where = String.format(Locale.ROOT, "topic aliases QoS %d, %d B, %s", qos,
                    TopicAliasProbe.PAYLOAD_BYTES, variant.name());
                try {
                    WireSample sample = probe.measure(variant, qos, options.countAlias);
                    results.wire().add(sample);
                    Progress.say("%s: %.2f B per PUBLISH (%,d packets, %,d set up an alias, %,d used one), %,d B on"
                        + " the connection%s", where, sample.bytesPerMessage(), sample.publishPackets(),
                        sample.aliasSetUp(), sample.aliasUsed(), sample.connectionBytes(),
                        sample.complete() ? "" : " INCOMPLETE (" + sample.received() + " of " + sample.messages()
                            + " received: " + sample.error() + ")");
                    if (!sample.complete()) {
                        results.failures().put(where, "incomplete: " + sample.received() + " of " + sample.messages()
                            + " received, " + sample.publishPackets() + " PUBLISH packets; " + sample.error());
                    }
                    if (variant.protocol() == Protocol.MQTT_5 && variant.aliases()) {
                        main = main == null ? sample.brokerTerms() : main;
                    } else if (variant.protocol() == Protocol.MQTT_5) {
                        noAliases = noAliases == null ? sample.brokerTerms() : noAliases;
                    }
                } catch (Exception e) {
                    failed(where, e);
                }
            }
        }
        if (main != null) {
            results.brokerTerms().put(MAIN_LISTENER, main);
        }
        if (noAliases != null) {
            results.brokerTerms().put(NO_ALIAS_LISTENER, noAliases);
        }
    }

    /** Tether 3.1.1 and Tether 5 end to end, QoS 1 and 2 at 64 B, on a Mosquitto with its default window. */
    private void defaultInflight() throws InterruptedException {
        try (MosquittoBroker stock = MosquittoBroker.launchWithDefaultInflight(
                options.workDir().resolve("mosquitto-default-inflight"))) {
            try {
                Map<String, Long> terms = TopicAliasProbe.brokerTerms(felix, stock.host(), stock.port(),
                    Protocol.MQTT_5, "bench-terms-default");
                results.brokerTerms().put(DEFAULT_INFLIGHT, terms);
                Progress.say("CONNACK of %s to MQTT 5: %s", DEFAULT_INFLIGHT, describe(terms));
            } catch (Exception e) {
                failed("CONNACK of " + DEFAULT_INFLIGHT, e);
            }
            List<Contender> contenders = new ArrayList<>();
            for (Protocol protocol : Protocol.values()) {
                contenders.add(new JavaClientContender(new TetherDriver(felix, stock.host(), stock.port(),
                    QueueKind.MEMORY, protocol).named("bench-stock"), options.window, benchCase -> true, null));
            }
            List<BenchCase> cases = List.of(new BenchCase(1, 64, QueueKind.MEMORY, options.count(1, 64)),
                new BenchCase(2, 64, QueueKind.MEMORY, options.count(2, 64)));
            for (int round = 0; round < options.warmups + options.rounds; round++) {
                boolean warmup = round < options.warmups;
                for (BenchCase benchCase : cases) {
                    int count = warmup ? Math.max(Math.min(benchCase.count(), 200), benchCase.count() / 4)
                        : benchCase.count();
                    for (Contender contender : contenders) {
                        settle();
                        String where = "default max_inflight_messages " + benchCase.label() + " " + contender.name()
                            + " " + (warmup ? "warm-up " + (round + 1)
                                : "round " + (round - options.warmups + 1) + "/" + options.rounds);
                        try {
                            ThroughputSample sample = contender.throughput(benchCase, count, "d" + ++runs);
                            Progress.say("%s: %,.0f msg/s%s", where, sample.messagesPerSecond(), sample.complete() ? ""
                                : " INCOMPLETE (" + sample.received() + " of " + sample.expected() + ": "
                                    + sample.error() + ")");
                            if (!warmup) {
                                results.addDefaultInflight(benchCase, contender.key(), sample);
                            }
                        } catch (Exception e) {
                            failed(where, e);
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            failed("starting " + DEFAULT_INFLIGHT, e);
        }
    }

    private void failed(String where, Exception e) {
        Progress.say("%s FAILED: %s", where, e);
        results.failures().put(where, String.valueOf(e));
    }

    private void settle() throws InterruptedException {
        if (options.gcBetweenRuns) {
            System.gc();
            Thread.sleep(50);
        }
    }

    /** @return the terms as "Receive Maximum 1000, Topic Alias Maximum 10", for the log */
    static String describe(Map<String, Long> terms) {
        List<String> parts = new ArrayList<>();
        terms.forEach((name, value) -> parts.add(name + " " + value));
        return String.join(", ", parts);
    }
}
