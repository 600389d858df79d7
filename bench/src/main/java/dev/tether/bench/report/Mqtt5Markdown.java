package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.wire.TopicAliasProbe;
import dev.tether.bench.wire.WireSample;

/**
 * The mqtt5 part's tables: the bytes Tether wrote per message with and without topic aliases, the CONNACK terms the
 * broker gave MQTT 5 clients, and the end-to-end note against a Mosquitto with its default window.
 */
final class Mqtt5Markdown {

    static final String NO_ALIASES = TopicAliasProbe.NO_ALIASES;
    static final String ALIASES = TopicAliasProbe.ALIASES;
    static final String V311 = TopicAliasProbe.V311;

    private Mqtt5Markdown() {
    }

    static void render(StringBuilder out, Results results) {
        if (results.wire().isEmpty() && results.defaultInflight().isEmpty()) {
            return;
        }
        out.append("## MQTT 5: topic aliases and the broker's window\n\n");
        wire(out, results);
        terms(out, results);
        defaultInflight(out, results);
    }

    /** @return the samples by QoS, then by variant key */
    static Map<Integer, Map<String, WireSample>> byQos(Results results) {
        Map<Integer, Map<String, WireSample>> byQos = new LinkedHashMap<>();
        for (WireSample sample : results.wire()) {
            byQos.computeIfAbsent(sample.qos(), qos -> new LinkedHashMap<>()).put(sample.variant(), sample);
        }
        return byQos;
    }

    /** @return 1 − with / without, both MQTT 5; null unless both runs are complete */
    static Double saving(Map<String, WireSample> variants) {
        WireSample with = variants.get(ALIASES);
        WireSample without = variants.get(NO_ALIASES);
        if (with == null || without == null || !with.complete() || !without.complete()) {
            return null;
        }
        return 1 - with.bytesPerMessage() / without.bytesPerMessage();
    }

    private static void wire(StringBuilder out, Results results) {
        if (results.wire().isEmpty()) {
            return;
        }
        WireSample first = results.wire().get(0);
        Map<Integer, Map<String, WireSample>> byQos = byQos(results);
        List<String> variants = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        results.wire().forEach(sample -> {
            if (!variants.contains(sample.variant())) {
                variants.add(sample.variant());
                names.put(sample.variant(), sample.name());
            }
        });
        out.append(String.format(Locale.ROOT, "Bytes Tether wrote per message for a stream of %,d messages of %d B,"
            + " all to the topic `%s` (%d bytes), as fast as it took them: its PUBLISH packets, fixed header"
            + " included, counted packet by packet by a TCP proxy between Tether and Mosquitto (MQTT bytes, not TCP/IP"
            + " headers). Topic aliases: Mosquitto's default listener (max_topic_alias 10; the first PUBLISH carries"
            + " the topic and sets up the alias, the others an empty topic and the alias); none: a listener of the"
            + " same broker with max_topic_alias 0. A raw Paho subscriber on the main listener got every message on the"
            + " full topic. The saving is of MQTT 5 with aliases against MQTT 5 without.\n\n", first.messages(),
            first.payloadBytes(), first.topic(), first.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length));
        out.append("| case |");
        variants.forEach(variant -> out.append(' ').append(names.get(variant)).append(" |"));
        out.append(" saving with aliases |\n|---|");
        variants.forEach(variant -> out.append("---:|"));
        out.append("---:|\n");
        byQos.forEach((qos, samples) -> {
            out.append("| QoS ").append(qos).append(", ").append(first.payloadBytes()).append(" B |");
            for (String variant : variants) {
                WireSample sample = samples.get(variant);
                out.append(' ').append(sample == null ? "–" : sample.complete()
                    ? String.format(Locale.ROOT, "%.2f", sample.bytesPerMessage())
                    : "incomplete: " + sample.error()).append(" |");
            }
            Double saving = saving(samples);
            out.append(' ').append(saving == null ? "–" : String.format(Locale.ROOT, "%.1f %%", saving * 100))
                .append(" |\n");
        });
        out.append("\nThe runs in detail (PUBLISH packets written, of them setting up an alias and using one; every"
            + " byte the publisher wrote on its connection, CONNECT and DISCONNECT included):\n\n"
            + "| case | configuration | PUBLISH packets | set up an alias | used an alias | connection bytes"
            + " | per message | packets written |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        for (WireSample sample : results.wire()) {
            List<String> packets = new ArrayList<>();
            sample.packets().forEach((type, count) -> packets.add(type + " " + String.format(Locale.ROOT, "%,d",
                count)));
            out.append(String.format(Locale.ROOT, "| QoS %d, %d B | %s | %,d | %,d | %,d | %,d | %.2f | %s |%n",
                sample.qos(), sample.payloadBytes(), sample.name(), sample.publishPackets(), sample.aliasSetUp(),
                sample.aliasUsed(), sample.connectionBytes(), sample.connectionBytesPerMessage(),
                String.join(", ", packets)));
        }
        out.append('\n');
    }

    private static void terms(StringBuilder out, Results results) {
        if (results.brokerTerms().isEmpty()) {
            return;
        }
        out.append("The broker's terms to Tether on MQTT 5 (the numeric properties of its CONNACK, read by the proxy;"
            + " an absent Topic Alias Maximum means none):\n\n");
        results.brokerTerms().forEach((where, terms) -> {
            List<String> parts = new ArrayList<>();
            terms.forEach((name, value) -> parts.add(name + " " + String.format(Locale.ROOT, "%,d", value)));
            out.append("- ").append(where).append(": ").append(parts.isEmpty() ? "no properties"
                : String.join(", ", parts)).append('\n');
        });
        out.append('\n');
    }

    private static void defaultInflight(StringBuilder out, Results results) {
        if (results.defaultInflight().isEmpty()) {
            return;
        }
        out.append("End to end against a second Mosquitto, the same settings but max_inflight_messages at its default"
            + " of 20: it announces Receive Maximum 20 to an MQTT 5 client, so Tether 5 keeps at most 20 QoS 1/2"
            + " messages unacknowledged where Tether 3.1.1 keeps up to 1,000 (QoS 2: 20 on both), and it sends an"
            + " MQTT 3.1.1 subscriber at most 20 unacknowledged where an MQTT 5 subscriber gets up to its own Receive"
            + " Maximum (Tether's 1,000). Messages per second, median (min–max), beside the same cells of the"
            + " end-to-end part above (max_inflight_messages 1000):\n\n"
            + "| case | messages | Tether 3.1.1 | Tether 5 | Tether 5 / 3.1.1 | Tether 3.1.1, window 1000"
            + " | Tether 5, window 1000 |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<BenchCase, Map<String, List<ThroughputSample>>> entry : results.defaultInflight().entrySet()) {
            BenchCase benchCase = entry.getKey();
            List<ThroughputSample> v311 = entry.getValue().getOrDefault(Tables.TETHER, List.of());
            List<ThroughputSample> v5 = entry.getValue().getOrDefault(Tables.TETHER5, List.of());
            Summary over = Tables.messagesPerSecond(v5);
            Summary under = Tables.messagesPerSecond(v311);
            out.append("| ").append(benchCase.label()).append(" | ")
                .append(String.format(Locale.ROOT, "%,d", benchCase.count())).append(" | ")
                .append(rate(v311)).append(" | ").append(rate(v5)).append(" | ")
                .append(over == null || under == null || under.median() == 0 ? "–"
                    : FlowMarkdown.times(over.median() / under.median())).append(" | ")
                .append(rate(Tables.throughput(results, Flow.THROUGHPUT, benchCase, Tables.TETHER))).append(" | ")
                .append(rate(Tables.throughput(results, Flow.THROUGHPUT, benchCase, Tables.TETHER5))).append(" |\n");
        }
        out.append('\n');
    }

    private static String rate(List<ThroughputSample> samples) {
        if (samples.isEmpty()) {
            return "–";
        }
        Summary summary = Tables.messagesPerSecond(samples);
        int incomplete = Tables.incomplete(samples);
        return summary == null ? "incomplete" : String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", summary.median(),
            summary.min(), summary.max()) + (incomplete == 0 ? "" : " (" + incomplete + " incomplete)");
    }
}
