package dev.tether.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run and how much: a preset ({@code full}, {@code --quick}, {@code --smoke}) and flags that override single
 * values. Folders default to beside the jar ({@code bench/target}).
 */
final class BenchOptions {

    static final String USAGE = """
        java -jar tether-bench.jar [--quick | --smoke] [options]
          --quick                  fewer messages and rounds (about 9 minutes on 2 cores)
          --smoke                  tiny counts, one round, no gateway start (the test suite's run)
          --rounds N               measured rounds (full: 3)
          --warmups N              warm-up rounds, not reported (full: 1; latency has none after throughput)
          --count-qos0 N           messages per QoS 0 run, 64 B and 1 KiB (full: 100000)
          --count-qos12 N          messages per QoS 1/2 run, 64 B and 1 KiB (full: 20000)
          --count-large-qos0 N     messages per QoS 0 run of 16 KiB (full: 5000)
          --count-large-qos12 N    messages per QoS 1/2 run of 16 KiB (full: 3000)
          --count-fsync N          messages per run of the queue_sync=always row, one fsync each (full: 5000)
          --count-alias N          messages per run of the topic-alias bytes (mqtt5 part; full: 10000)
          --rate N                 messages per second of the latency runs (2000)
          --latency-seconds S      length of one latency run (full: 2)
          --window N               publishes outstanding at most, every Java client and mosquitto_pub (1000)
          --feeders N              mosquitto_pub processes feeding one subscriber in the receive part (1)
          --clients LIST           of tether (MQTT 3.1.1, and the file-queue rows), tether-nometrics (tether with
                                   tether.metrics=off; throughput, receive and publish), tether5 (MQTT 5; as
                                   tether-nometrics, on Mosquitto), paho, hivemq, hivemq5 (Mqtt5AsyncClient, as
                                   tether5), mosquitto (all but hivemq5; --smoke: all)
          --parts LIST             of throughput,receive,publish,latency,mqtt5,ops (all); receive, publish and mqtt5
                                   (topic-alias bytes, Mosquitto's default window; needs tether5) need Mosquitto,
                                   receive and publish mosquitto_pub/mosquitto_sub too
          --cases LIST             case keys, e.g. qos0-64b,qos1-1024b; Tether's file queue: qos1-64b-file,
                                   qos1-1024b-file, qos1-64b-interval, qos1-64b-fsync (queue_sync=always) (all)
          --broker KIND            auto (Mosquitto if installed), mosquitto, embedded
          --gateway-jar PATH       the gateway to time (../../gateway/target/tether-gateway-0.1.0-SNAPSHOT.jar)
          --out DIR                where bench-results.md/.json go (the jar's folder)
        """;

    static final List<String> PARTS = List.of("throughput", "receive", "publish", "latency", "mqtt5", "ops");
    static final List<String> CLIENTS = List.of("tether", "tether-nometrics", "tether5", "paho", "hivemq", "hivemq5",
        "mosquitto");

    String preset = "full";
    int rounds = 3;
    int warmups = 1;
    int countQos0 = 100_000;
    int countQos12 = 20_000;
    int countLargeQos0 = 5_000;
    int countLargeQos12 = 3_000;
    /** Fewer: one publisher's messages each wait for an fsync, milliseconds on many disks. */
    int countSynced = 5_000;
    /** The bytes per message do not depend on the count; enough that the first message's alias set-up is noise. */
    int countAlias = 10_000;
    int rate = 2000;
    Duration latencyDuration = Duration.ofSeconds(2);
    int window = 1000;
    int feeders = 1;
    /** The HiveMQ client on MQTT 5 only when asked for (or in the smoke run): it would add a sixth of the run. */
    Set<String> clients = new LinkedHashSet<>(List.of("tether", "tether-nometrics", "tether5", "paho", "hivemq",
        "mosquitto"));
    Set<String> parts = new LinkedHashSet<>(PARTS);
    Set<String> cases = Set.of();
    String broker = "auto";
    int opsRounds = 3;
    int footprintConnections = 20;
    int subscriptions = 1000;
    int footprintRounds = 2;
    long settleMillis = 500;
    boolean gcBetweenRuns = true;
    List<Duration> downtimes = List.of(Duration.ZERO, Duration.ofSeconds(5));
    boolean gateway = true;
    Path home;
    Path out;
    Path gatewayJar;

    static BenchOptions parse(String[] args, Path home) {
        BenchOptions options = new BenchOptions();
        options.home = home;
        List<String> list = Arrays.asList(args);
        if (list.contains("--quick")) {
            options.quick();
        }
        if (list.contains("--smoke")) {
            options.smoke();
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick", "--smoke" -> {
                    // applied first, so the flags below override the preset
                }
                case "--rounds" -> options.rounds = positive(arg, args, ++i);
                case "--warmups" -> options.warmups = number(arg, args, ++i);
                case "--count-qos0" -> options.countQos0 = positive(arg, args, ++i);
                case "--count-qos12" -> options.countQos12 = positive(arg, args, ++i);
                case "--count-large-qos0" -> options.countLargeQos0 = positive(arg, args, ++i);
                case "--count-large-qos12" -> options.countLargeQos12 = positive(arg, args, ++i);
                case "--count-fsync" -> options.countSynced = positive(arg, args, ++i);
                case "--count-alias" -> options.countAlias = positive(arg, args, ++i);
                case "--rate" -> options.rate = positive(arg, args, ++i);
                case "--latency-seconds" -> options.latencyDuration =
                    Duration.ofMillis((long) (Double.parseDouble(value(arg, args, ++i)) * 1000));
                case "--window" -> options.window = positive(arg, args, ++i);
                case "--feeders" -> options.feeders = positive(arg, args, ++i);
                case "--clients" -> options.clients = list(arg, value(arg, args, ++i), Set.copyOf(CLIENTS));
                case "--parts" -> options.parts = list(arg, value(arg, args, ++i), Set.copyOf(PARTS));
                case "--cases" -> options.cases = Set.of(value(arg, args, ++i).split(","));
                case "--broker" -> options.broker = value(arg, args, ++i);
                case "--gateway-jar" -> options.gatewayJar = Path.of(value(arg, args, ++i));
                case "--out" -> options.out = Path.of(value(arg, args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (!Set.of("auto", "mosquitto", "embedded").contains(options.broker)) {
            throw new IllegalArgumentException("--broker must be auto, mosquitto or embedded, not " + options.broker);
        }
        if (options.out == null) {
            options.out = home;
        }
        if (options.gatewayJar == null) {
            options.gatewayJar = home.resolve("../../gateway/target/tether-gateway-0.1.0-SNAPSHOT.jar").normalize();
        }
        return options;
    }

    private void quick() {
        preset = "quick";
        rounds = 2;
        countQos0 = 20_000;
        countQos12 = 5_000;
        countLargeQos0 = 2_000;
        countLargeQos12 = 1_000;
        countSynced = 1_000;
        countAlias = 2_000;
        latencyDuration = Duration.ofSeconds(1);
        opsRounds = 1;
        footprintRounds = 1;
        footprintConnections = 5;
        downtimes = List.of(Duration.ZERO);
    }

    private void smoke() {
        preset = "smoke";
        rounds = 1;
        warmups = 0;
        countQos0 = 200;
        countQos12 = 200;
        countLargeQos0 = 50;
        countLargeQos12 = 50;
        countSynced = 50;
        countAlias = 100;
        clients = new LinkedHashSet<>(CLIENTS);
        latencyDuration = Duration.ofMillis(100);
        opsRounds = 1;
        footprintRounds = 1;
        footprintConnections = 2;
        subscriptions = 100;
        settleMillis = 100;
        gcBetweenRuns = false;
        downtimes = List.of(Duration.ZERO);
        gateway = false;
    }

    /** @return the messages of one throughput run of this QoS and size */
    int count(int qos, int payloadBytes) {
        boolean large = payloadBytes > 1024;
        if (qos == 0) {
            return large ? countLargeQos0 : countQos0;
        }
        return large ? countLargeQos12 : countQos12;
    }

    Path bundles() {
        return home.resolve("lib/bundles");
    }

    Path lib() {
        return home.resolve("lib");
    }

    Path workDir() {
        return out.resolve("bench-work");
    }

    private static String value(String option, String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int number(String option, String[] args, int index) {
        try {
            int value = Integer.parseInt(value(option, args, index));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number ≥ 0, not " + args[index]);
        }
    }

    private static int positive(String option, String[] args, int index) {
        int value = number(option, args, index);
        if (value == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return value;
    }

    private static Set<String> list(String option, String value, Set<String> allowed) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (!allowed.contains(trimmed)) {
                throw new IllegalArgumentException(option + ": " + trimmed + " is not one of " + allowed);
            }
            chosen.add(trimmed);
        }
        return chosen;
    }
}
