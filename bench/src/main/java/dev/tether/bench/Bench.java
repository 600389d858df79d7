package dev.tether.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.osgi.framework.BundleException;

import dev.tether.bench.broker.Broker;
import dev.tether.bench.broker.MoquetteBroker;
import dev.tether.bench.broker.MosquittoBroker;
import dev.tether.bench.client.HiveMqDriver;
import dev.tether.bench.client.MqttDriver;
import dev.tether.bench.client.PahoDriver;
import dev.tether.bench.client.TetherConnection;
import dev.tether.bench.client.TetherDriver;
import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Contender;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.JavaClientContender;
import dev.tether.bench.measure.MosquittoClientsContender;
import dev.tether.bench.measure.NativePeers;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.osgi.FelixRuntime;
import dev.tether.bench.report.JsonReport;
import dev.tether.bench.report.MarkdownReport;
import dev.tether.bench.report.Results;

/**
 * {@code java -jar tether-bench.jar}: starts a broker (Mosquitto when installed, else an embedded Moquette) and Felix
 * with Tether, measures throughput (end to end, and receive and publish alone against native peers), latency and
 * operational figures of Tether, raw Paho, the HiveMQ client and the Mosquitto command line clients, and writes
 * {@code bench-results.md} and {@code bench-results.json}.
 */
public final class Bench {

    private final BenchOptions options;

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        // Moquette (the fallback broker) logs every packet through slf4j-simple otherwise
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, home());
        } catch (IllegalArgumentException e) {
            System.err.println("[bench] " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new Bench(options).run();
        } catch (Exception e) {
            System.err.println("[bench] failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        // client libraries may leave non-daemon threads behind
        System.exit(0);
    }

    /** @return the folder of the jar (bench/target), or of target/classes when run from an IDE */
    private static Path home() {
        try {
            Path location = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() throws IOException, BundleException, InterruptedException {
        long start = System.nanoTime();
        Results results = new Results();
        describeMachine(results);
        Files.createDirectories(options.workDir());
        try (Broker broker = startBroker();
             FelixRuntime felix = FelixRuntime.start(options.bundles(), options.workDir().resolve("felix-cache"))) {
            describeSoftware(results, broker, felix);
            TetherDriver tether = new TetherDriver(felix, broker.host(), broker.port(), QueueKind.MEMORY);
            NativePeers peers = nativePeers(broker);
            List<Contender> contenders = contenders(results, broker, felix, tether, peers);
            describeSettings(results);
            List<BenchCase> cases = Matrix.cases(options);
            Matrix matrix = new Matrix(options, contenders, results);
            for (Flow flow : Flow.values()) {
                if (!options.parts.contains(flow.key())) {
                    continue;
                }
                if (flow != Flow.THROUGHPUT && peers == null) {
                    Progress.say("no %s part: it needs the Mosquitto broker and mosquitto_pub/mosquitto_sub",
                        flow.key());
                    continue;
                }
                matrix.throughput(flow, cases);
            }
            if (options.parts.contains("latency")) {
                matrix.latency(cases, options.parts.contains("throughput") ? 0 : options.warmups);
            }
            if (options.parts.contains("mqtt5") && options.clients.contains("tether5")) {
                if (broker instanceof MosquittoBroker mosquitto) {
                    new Mqtt5Part(options, mosquitto, felix, results).run();
                } else {
                    Progress.say("no mqtt5 part: it needs the Mosquitto broker");
                }
            }
            if (options.parts.contains("ops")) {
                new Operations(options, broker, tether, results).run();
            }
        }
        if (TetherConnection.LATE_LISTENERS.get() > 0) {
            Progress.say("%d Tether connections were connected before their ConnectionListener was added (each waited"
                + " %d ms more)", TetherConnection.LATE_LISTENERS.get(), 100);
        }
        results.durationSeconds((System.nanoTime() - start) / 1e9);
        results.environment().put("load average (1, 5, 15 min)", "at start " + results.environment()
            .remove("load average at start") + "; at end " + Machine.load());
        write(results);
    }

    private Broker startBroker() throws IOException {
        boolean mosquitto = switch (options.broker) {
            case "mosquitto" -> true;
            case "embedded" -> false;
            default -> MosquittoBroker.installed();
        };
        if (mosquitto) {
            return MosquittoBroker.launch(options.workDir().resolve("mosquitto"));
        }
        return MoquetteBroker.launch();
    }

    /** @return the native ends of the one-way runs, null when there is no Mosquitto or no command line client */
    private NativePeers nativePeers(Broker broker) {
        if (!(broker instanceof MosquittoBroker)) {
            // tried: Moquette 0.17 refuses their subscriptions, and a native limit needs the native broker anyway
            Progress.say("the broker is not Mosquitto: no mosquitto_pub/sub column, no receive or publish part");
            return null;
        }
        if (!NativePeers.installed()) {
            Progress.say("mosquitto_pub/mosquitto_sub are not installed (Debian: mosquitto-clients): no native column,"
                + " no receive or publish part");
            return null;
        }
        return new NativePeers(broker, options.window, options.feeders, options.workDir().resolve("native"));
    }

    private List<Contender> contenders(Results results, Broker broker, FelixRuntime felix, TetherDriver tether,
            NativePeers peers) {
        List<Contender> contenders = new ArrayList<>();
        if (options.clients.contains("tether")) {
            results.addColumn("tether", "Tether 3.1.1");
            for (QueueKind queue : QueueKind.values()) {
                MqttDriver driver = queue == QueueKind.MEMORY ? tether
                    : new TetherDriver(felix, broker.host(), broker.port(), queue);
                contenders.add(new JavaClientContender(driver, options.window, benchCase -> benchCase.queue() == queue,
                    peers));
            }
        }
        // the same Tether not counting its messages, right after it in each round: what the metrics cost (issue 17)
        if (options.clients.contains("tether-nometrics")) {
            results.addColumn("tether-nometrics", "Tether 3.1.1, metrics off");
            contenders.add(new JavaClientContender(tether.withoutMetrics(), options.window,
                benchCase -> !benchCase.fileQueue(), peers, false));
        }
        // MQTT 5 beside 3.1.1, right after it in each round; the throughput parts only (issue 15)
        boolean mqtt5 = mqtt5(broker);
        if (options.clients.contains("tether5") && mqtt5) {
            results.addColumn("tether5", "Tether 5");
            contenders.add(new JavaClientContender(new TetherDriver(felix, broker.host(), broker.port(),
                QueueKind.MEMORY, TetherDriver.Protocol.MQTT_5), options.window, benchCase -> !benchCase.fileQueue(),
                peers, false));
        }
        if (options.clients.contains("paho")) {
            results.addColumn("paho", "raw Paho");
            contenders.add(new JavaClientContender(new PahoDriver(broker.host(), broker.port(), false),
                options.window, benchCase -> !benchCase.fileQueue(), peers));
        }
        if (options.clients.contains("hivemq")) {
            results.addColumn("hivemq", "HiveMQ client");
            contenders.add(new JavaClientContender(new HiveMqDriver(broker.host(), broker.port(), false),
                options.window, benchCase -> !benchCase.fileQueue(), peers));
        }
        if (options.clients.contains("hivemq5") && mqtt5) {
            results.addColumn("hivemq5", "HiveMQ client 5");
            contenders.add(new JavaClientContender(new HiveMqDriver(broker.host(), broker.port(), false, true),
                options.window, benchCase -> !benchCase.fileQueue(), peers, false));
        }
        if (options.clients.contains("mosquitto") && peers != null) {
            results.addColumn("mosquitto-clients", "mosquitto_pub/sub");
            contenders.add(new MosquittoClientsContender(peers));
        }
        return contenders;
    }

    /** @return whether the broker speaks MQTT 5: Mosquitto 2 does, the embedded Moquette 0.17 refuses it */
    private static boolean mqtt5(Broker broker) {
        if (!(broker instanceof MosquittoBroker)) {
            Progress.say("the broker is not Mosquitto: no MQTT 5 column and no mqtt5 part (Moquette 0.17 refuses MQTT 5)");
            return false;
        }
        return true;
    }

    private void describeMachine(Results results) {
        results.environment().put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.environment().put("CPU", Machine.cpu());
        results.environment().put("cores", Integer.toString(Machine.cores()));
        results.environment().put("RAM", Machine.memory());
        results.environment().put("JVM", Machine.jvm());
        results.environment().put("OS", Machine.os());
        results.environment().put("load average at start", Machine.load());
        double load = Double.parseDouble(Machine.load().split(" ")[0].replace("?", "0"));
        if (load > Machine.cores() / 2.0) {
            Progress.say("WARNING: load average %.1f on %d cores: other work will skew the figures", load,
                Machine.cores());
        }
    }

    private void describeSoftware(Results results, Broker broker, FelixRuntime felix) throws IOException {
        results.environment().put("broker", broker.description() + ", loopback");
        if (broker instanceof MosquittoBroker mosquitto) {
            results.environment().put("broker settings", mosquitto.settings());
        }
        results.environment().put("Tether bundle", felix.tetherVersion() + " in Apache Felix "
            + felix.context().getBundle(0).getVersion());
        List<String> unused = felix.unused();
        results.environment().put("Felix bundles", felix.describeBundles() + (unused.isEmpty() ? ""
            : "; wired to by nothing, registering no service: " + String.join(", ", unused)));
        if (!unused.isEmpty()) {
            Progress.say("WARNING: in the Felix folder but used by nothing: %s (bench/pom.xml, execution felix-tether"
                + " or felix-platform)", String.join(", ", unused));
        }
        results.environment().put("Paho", libraryVersion("org.eclipse.paho.client.mqttv3-"));
        results.environment().put("HiveMQ client", libraryVersion("hivemq-mqtt-client-"));
        results.environment().put("mosquitto clients", NativePeers.installed() ? NativePeers.version()
            : "not installed");
    }

    private void describeSettings(Results results) {
        results.settings().put("preset", options.preset);
        results.settings().put("measured rounds", options.rounds);
        results.settings().put("warm-up rounds", options.warmups);
        results.settings().put("outstanding publishes at most (Java clients; mosquitto_pub -M)", options.window);
        results.settings().put("receive part fed by", options.feeders + " mosquitto_pub -l process"
            + (options.feeders == 1 ? "" : "es, each with its share of the messages")
            + "; their pipes written by harness threads whose CPU time is left out of the JVM's");
        results.settings().put("latency rate", String.format(Locale.ROOT, "%,d msg/s for %.1f s per round",
            options.rate, options.latencyDuration.toMillis() / 1000.0));
        results.latencyRate(options.rate);
        results.settings().put("Tether", "connections from ConfigAdmin, protocol_version 3.1.1 (Tether 3.1.1, the"
            + " file-queue rows and the operational figures) or 5 (Tether 5), clean_session, keep_alive 60,"
            + " queue_persistence"
            + " memory (file in the file-queue rows, with queue_sync none, or always where the row says so),"
            + " max_queue_length " + TetherDriver.MAX_QUEUE_LENGTH
            + "; publishes through MqttService, receives through a whiteboard listener");
        results.settings().put("raw Paho", "MqttAsyncClient, MQTT 3.1.1, clean session, keep-alive 60, max in-flight"
            + " 1000, MemoryPersistence, MqttCallback");
        results.settings().put("HiveMQ client", "Mqtt3AsyncClient, clean session, keep-alive 60, callbacks on its"
            + " Netty threads" + (options.clients.contains("hivemq5") ? "; HiveMQ client 5: Mqtt5AsyncClient, clean"
            + " start, session expiry 0, the rest as Mqtt3AsyncClient" : ""));
        if (options.clients.contains("tether5") || options.clients.contains("hivemq5")) {
            results.settings().put("MQTT 5 columns", "measured end to end, receive and publish, on the 9 cells of"
                + " QoS × size; not in the latency or operational parts");
        }
    }

    private String libraryVersion(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(options.lib())) {
            return jars.map(jar -> jar.getFileName().toString()).filter(name -> name.startsWith(prefix))
                .map(name -> name.substring(prefix.length()).replace(".jar", "")).findFirst().orElse("?");
        }
    }

    private void write(Results results) throws IOException {
        Files.createDirectories(options.out);
        Path markdown = options.out.resolve("bench-results.md");
        Path json = options.out.resolve("bench-results.json");
        String rendered = MarkdownReport.render(results);
        Files.writeString(markdown, rendered, StandardCharsets.UTF_8);
        Files.writeString(json, JsonReport.render(results), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(rendered);
        System.out.printf(Locale.ROOT, "[bench] done in %.0f s: %s and %s%n", results.durationSeconds(), markdown,
            json);
    }
}
