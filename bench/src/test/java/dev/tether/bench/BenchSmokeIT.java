package dev.tether.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the built benchmark jar with tiny counts ({@code --smoke}), so the harness never rots: every client and
 * every case of every part must be measured and complete, and both result files written. No timing is asserted.
 * The column of Tether with its metrics off is in the throughput parts only; the MQTT 5 columns (Tether 5, and the
 * HiveMQ client 5 the smoke run adds) too, and only on Mosquitto, as are the topic-alias bytes and the runs against Mosquitto's default window.
 */
class BenchSmokeIT {

    private static final List<String> CELLS = List.of("qos0-64b", "qos0-1024b", "qos0-16384b", "qos1-64b",
        "qos1-1024b", "qos1-16384b", "qos2-64b", "qos2-1024b", "qos2-16384b");
    private static final List<String> CASES = concat(CELLS, List.of("qos1-64b-file", "qos1-1024b-file",
        "qos1-64b-interval", "qos1-64b-fsync"));

    private static Path out;
    private static JsonNode results;
    private static String markdown;
    private static String output;

    @BeforeAll
    static void runSmoke() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bench.jar", "target/tether-bench-0.1.0-SNAPSHOT.jar"));
        out = Path.of(System.getProperty("bench.smoke.dir", "target/smoke"));
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("bench-results.json"));
        Files.deleteIfExists(out.resolve("bench-results.md"));
        Path log = out.resolve("smoke-output.txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", jar.toAbsolutePath().toString(), "--smoke", "--out", out.toAbsolutePath().toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = bench.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            bench.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the smoke run ended within 5 minutes; output:\n%s", output).isTrue();
        assertThat(bench.exitValue()).as("exit status; output:\n%s", output).isZero();
        results = new ObjectMapper().readTree(out.resolve("bench-results.json").toFile());
        markdown = Files.readString(out.resolve("bench-results.md"), StandardCharsets.UTF_8);
    }

    @Test
    void nothingFailed() {
        assertThat(results.get("failures").size()).as("failures: %s", results.get("failures")).isZero();
    }

    @Test
    void everyClientIsAColumn() {
        List<String> columns = new ArrayList<>();
        results.get("columns").forEach(column -> columns.add(column.get("key").asText()));
        List<String> expected = new ArrayList<>(onMosquitto() ? List.of("tether", "tether-nometrics", "tether5", "paho",
            "hivemq", "hivemq5") : List.of("tether", "tether-nometrics", "paho", "hivemq"));
        if (onMosquitto() && Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"))) {
            expected.add("mosquitto-clients");
        }
        assertThat(columns).containsExactlyElementsOf(expected);
    }

    @Test
    void everyThroughputCaseIsCompleteForEveryClient() {
        assertCompleteEverywhere("throughput");
    }

    @Test
    void everyLatencyCaseIsCompleteForEveryClient() {
        assertCompleteEverywhere("latency");
    }

    @Test
    void everyReceiveCellIsCompleteForEveryClient() {
        assumeTrue(nativePeers(), "receive needs Mosquitto and mosquitto_pub/mosquitto_sub");
        assertCompleteEverywhere("receive", CELLS);
    }

    @Test
    void everyPublishCaseIsCompleteForEveryClient() {
        assumeTrue(nativePeers(), "publish needs Mosquitto and mosquitto_pub/mosquitto_sub");
        assertCompleteEverywhere("publish", CASES);
    }

    @Test
    void operationalFiguresAreThere() {
        List<String> keys = new ArrayList<>();
        results.get("operational").forEach(figure -> keys.add(figure.get("key").asText()));
        assertThat(keys).contains("size-on-disk", "heap-per-idle-connection", "threads-per-connection",
            "threads-per-added-connection", "live-threads", "heap-per-1000-subscriptions", "reconnect-0s",
            "config-change-to-connected", "queue-recovery-100k", "metrics-cpu-per-message");
        results.get("operational").forEach(figure -> assertThat(figure.get("results").get("tether").has(
            figure.get("key").asText().equals("live-threads") ? "text" : "value"))
            .as("Tether's %s", figure.get("key")).isTrue());
    }

    @Test
    void everyGoalIsJudged() {
        List<String> keys = new ArrayList<>();
        results.get("goals").forEach(goal -> {
            keys.add(goal.get("key").asText());
            if (nativePeers()) {
                assertThat(goal.get("status").asText()).as("%s", goal).isNotEqualTo("not measured");
            }
        });
        assertThat(keys).containsExactly("receive-vs-hivemq", "publish-vs-hivemq", "receive-vs-paho",
            "publish-vs-paho", "cpu-receive-16k", "cpu-publish-16k", "latency-p99", "heap-per-idle-connection",
            "heap-per-1000-subscriptions", "threads", "size-on-disk");
    }

    @Test
    void everyIssue16GoalIsJudged() {
        List<String> keys = new ArrayList<>();
        results.get("goalsIssue16").forEach(goal -> {
            keys.add(goal.get("key").asText());
            // the wear is not measurable where /proc/self/io is missing or the file system counts no page writes
            boolean wearUnmeasurable = goal.get("key").asText().equals("wear")
                && goal.get("detail").asText().matches(".*(/proc/self/io|does not count).*");
            if (nativePeers() && !wearUnmeasurable) {
                assertThat(goal.get("status").asText()).as("%s", goal).isNotEqualTo("not measured");
            }
        });
        assertThat(keys).containsExactly("file-vs-memory", "file-vs-paho", "queue-sync-always", "wear",
            "queue-recovery");
    }

    @Test
    void everyIssue15GoalIsJudged() {
        List<String> keys = new ArrayList<>();
        results.get("goalsIssue15").forEach(goal -> {
            keys.add(goal.get("key").asText());
            if (nativePeers()) {
                assertThat(goal.get("status").asText()).as("%s", goal).isNotEqualTo("not measured");
            }
        });
        assertThat(keys).containsExactly("throughput-5-vs-311", "receive-5-vs-311", "publish-5-vs-311",
            "topic-alias-saving");
    }

    @Test
    void everyIssue17GoalIsJudged() {
        List<String> keys = new ArrayList<>();
        results.get("goalsIssue17").forEach(goal -> {
            keys.add(goal.get("key").asText());
            if (nativePeers() || !goal.get("key").asText().startsWith("receive")
                    && !goal.get("key").asText().startsWith("publish")) {
                assertThat(goal.get("status").asText()).as("%s", goal).isNotEqualTo("not measured");
            }
        });
        assertThat(keys).containsExactly("throughput-metrics-cost", "receive-metrics-cost", "publish-metrics-cost",
            "metrics-cpu-share");
    }

    @Test
    void topicAliasRunsAreCompleteAndSaveBytes() {
        assumeTrue(onMosquitto(), "the topic-alias bytes need Mosquitto");
        JsonNode runs = results.get("topicAliases").get("runs");
        List<String> measured = new ArrayList<>();
        runs.forEach(run -> {
            measured.add(run.get("qos").asInt() + " " + run.get("variant").asText());
            assertThat(run.get("complete").asBoolean()).as("%s", run).isTrue();
            boolean aliases = run.get("variant").asText().equals("tether5-aliases");
            // one PUBLISH sets the alias up, every other uses it
            assertThat(run.get("aliasSetUp").asLong()).as("%s", run).isEqualTo(aliases ? 1 : 0);
            assertThat(run.get("aliasUsed").asLong()).as("%s", run)
                .isEqualTo(aliases ? run.get("messages").asLong() - 1 : 0);
        });
        assertThat(measured).containsExactly("0 tether-311", "0 tether5-no-aliases", "0 tether5-aliases",
            "1 tether-311", "1 tether5-no-aliases", "1 tether5-aliases");
        assertThat(results.get("topicAliases").get("savingWithAliases").get("qos1").asDouble()).isGreaterThan(0);
        assertThat(results.get("brokerTerms").toString()).contains("\"Receive Maximum\":20");
        List<String> cases = new ArrayList<>();
        for (JsonNode row : results.get("defaultInflight")) {
            cases.add(row.get("key").asText());
            List<String> columns = new ArrayList<>();
            row.get("results").fields().forEachRemaining(cell -> {
                columns.add(cell.getKey());
                assertThat(cell.getValue().get("complete").asBoolean()).as("%s %s", row.get("key"), cell.getKey())
                    .isTrue();
            });
            assertThat(columns).containsExactly("tether", "tether5");
        }
        assertThat(cases).containsExactly("qos1-64b", "qos2-64b");
    }

    @Test
    void publishRunsTimeTheirCallsAndFileRowsTheirWrites() {
        assumeTrue(nativePeers(), "publish needs Mosquitto and mosquitto_pub/mosquitto_sub");
        for (JsonNode row : results.get("publish")) {
            row.get("results").fields().forEachRemaining(cell -> {
                if (!cell.getKey().equals("mosquitto-clients")) {
                    cell.getValue().get("rounds").forEach(round -> {
                        assertThat(round.has("publishCall")).as("%s %s", row.get("key"), cell.getKey()).isTrue();
                        assertThat(round.has("wear")).as("%s %s", row.get("key"), cell.getKey()).isTrue();
                    });
                }
            });
        }
    }

    @Test
    void markdownHasEveryTable() {
        assertThat(markdown).contains("## Throughput", "## Latency at", "## Operational figures", "Tether / Paho",
            "raw Paho", "HiveMQ client", "QoS 1, 64 B, file queue", "QoS 1, 1 KiB, file queue",
            "QoS 1, 64 B, file queue, queue_sync=always", "## Goals (issue 14)", "## Goals (issue 16)",
            "## Goals (issue 15)", "Tether 3.1.1", "## Goals (issue 17)", "metrics on / off", "Tether 3.1.1, metrics off");
        if (onMosquitto()) {
            assertThat(markdown).contains("Tether 5 / 3.1.1", "## MQTT 5: topic aliases and the broker's window");
        }
        if (nativePeers()) {
            assertThat(markdown).contains("## Receive", "## Publish", "Time one `publish()` call",
                "## Wear of the file queue");
        }
    }

    private static boolean onMosquitto() {
        return results.get("environment").get("broker").asText().startsWith("Mosquitto");
    }

    private static boolean nativePeers() {
        return onMosquitto() && Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static void assertCompleteEverywhere(String part) {
        assertCompleteEverywhere(part, CASES);
    }

    private static void assertCompleteEverywhere(String part, List<String> expectedCases) {
        List<String> cases = new ArrayList<>();
        for (JsonNode row : results.get(part)) {
            String key = row.get("key").asText();
            cases.add(key);
            List<String> expectedColumns = new ArrayList<>();
            results.get("columns").forEach(column -> expectedColumns.add(column.get("key").asText()));
            if (row.get("fileQueue").asBoolean()) {
                expectedColumns.retainAll(List.of("tether"));
            }
            if (part.equals("latency")) {
                expectedColumns.removeAll(List.of("tether-nometrics", "tether5", "hivemq5"));
            }
            List<String> columns = new ArrayList<>();
            row.get("results").fieldNames().forEachRemaining(columns::add);
            assertThat(columns).as("%s %s", part, key).containsExactlyElementsOf(expectedColumns);
            // the embedded fallback broker (no Mosquitto installed) drops QoS 0 messages under load
            if (onMosquitto() || row.get("qos").asInt() > 0) {
                row.get("results").fields().forEachRemaining(cell -> assertThat(
                    cell.getValue().get("complete").asBoolean())
                    .as("%s %s %s: %s", part, key, cell.getKey(), cell.getValue()).isTrue());
            }
        }
        assertThat(cases).containsExactlyElementsOf(expectedCases);
    }
}
