package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import dev.tether.mqtt.testing.MosquittoProcess;

/** Many publishers at once, and many configuration changes in a row: nothing lost, nothing leaked. */
class LoadAndChurnTest {

    private static final int PUBLISHERS = 8;
    private static final int PER_PUBLISHER = 5000;

    @TempDir
    Path dataArea;

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    private final SettingsParser parser = new SettingsParser("load-test", "host");
    private ManagedConnection connection;
    private AutoCloseable closeAfterTest;

    @BeforeEach
    void startBroker() throws IOException {
        broker.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (closeAfterTest != null) {
            closeAfterTest.close();
        }
        broker.close();
    }

    private ParsedConfiguration config(Object... keyValues) {
        return configFor(broker.plainAddress(), keyValues);
    }

    private ParsedConfiguration configFor(String server, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", server);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return parser.parseDefault(properties);
    }

    @Test
    void eightPublishersLoseNothingAndKeepTheirOrder() throws Exception {
        // given Mosquitto set to pass such a burst on whole (Moquette 0.17 drops the odd message and its PUBACK
        // at this rate, and a stock Mosquitto queues at most 1,000 messages for a subscriber), and a connection
        // with the persistent queue, subscribed to what it publishes
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        MosquittoProcess mosquitto = MosquittoProcess.builder(dataArea.resolve("mosquitto"))
            .listener("plain", Listener.plain()).option("max_inflight_messages", "1000")
            .option("max_queued_messages", "0").start();
        closeAfterTest = mosquitto;
        connection = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
            dataArea);
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        connection.subscribe(List.of("load/#"), 1, message -> received
            .computeIfAbsent(message.topic(), topic -> new CopyOnWriteArrayList<>())
            .add(Integer.parseInt(message.payloadAsString())));
        // room for the whole burst: the file queue takes messages faster than the broker's acknowledgements come
        connection.apply(configFor("127.0.0.1:" + mosquitto.port("plain"), "max_queue_length", PUBLISHERS * PER_PUBLISHER));
        await().atMost(Duration.ofSeconds(20)).until(connection::state, ConnectionState.CONNECTED::equals);

        // when 8 threads publish 5,000 QoS 1 messages each at once
        long start = System.nanoTime();
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        List<CompletableFuture<List<CompletableFuture<Void>>>> all = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            String topic = "load/" + p;
            all.add(CompletableFuture.supplyAsync(() -> {
                List<CompletableFuture<Void>> stages = new ArrayList<>(PER_PUBLISHER);
                for (int i = 0; i < PER_PUBLISHER; i++) {
                    stages.add(connection.publish(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false)
                        .toCompletableFuture());
                }
                return stages;
            }, publishers));
        }
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        for (CompletableFuture<List<CompletableFuture<Void>>> publisher : all) {
            stages.addAll(publisher.get(60, TimeUnit.SECONDS));
        }
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        publishers.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.values().stream().mapToInt(List::size).sum()
            >= PUBLISHERS * PER_PUBLISHER);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then every publisher's messages arrived, all of them, in its order
        List<Integer> expected = Stream.iterate(0, i -> i + 1).limit(PER_PUBLISHER).toList();
        for (int p = 0; p < PUBLISHERS; p++) {
            assertThat(received.get("load/" + p)).as("messages of publisher %d", p).containsExactlyElementsOf(expected);
        }
        assertThat(connection.status().queuedMessages()).isZero();
        System.out.printf("[load] %d QoS1 messages from %d threads, persistent queue, Mosquitto: %d ms (%.0f msg/s)%n",
            PUBLISHERS * PER_PUBLISHER, PUBLISHERS, took.toMillis(), PUBLISHERS * PER_PUBLISHER * 1e9 / took.toNanos());
    }

    @Test
    void aHundredConfigurationChangesLeakNoThreadsSocketsOrMemory() throws Exception {
        // given a connected connection, and what the process uses then
        connection = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
            dataArea);
        connection.apply(config("keep_alive", 60));
        await().atMost(Duration.ofSeconds(20)).until(connection::state, ConnectionState.CONNECTED::equals);
        Usage before = Usage.now();

        // when the configuration changes 100 times in a row, each change a reconnect
        for (int i = 1; i <= 100; i++) {
            connection.apply(config("keep_alive", 60 + i % 2, "client_id", "churn-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> connection.state() == ConnectionState.CONNECTED
            && connection.status().clientId().equals("churn-100"));

        // then threads, sockets and heap are back where they were
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Usage after = Usage.now();
            assertThat(after.mqttThreads).as("reader and scheduler threads").isEqualTo(before.mqttThreads);
            assertThat(after.openFiles).as("open file descriptors").isLessThanOrEqualTo(before.openFiles + 4);
            assertThat(after.heapBytes - before.heapBytes).as("heap growth").isLessThan(16L << 20);
        });
        Usage after = Usage.now();
        System.out.printf("[churn] 100 reconnecting changes: threads %d -> %d, file descriptors %d -> %d,"
            + " heap %d KiB -> %d KiB%n", before.mqttThreads, after.mqttThreads, before.openFiles, after.openFiles,
            before.heapBytes >> 10, after.heapBytes >> 10);
    }

    /** Threads of the connection (its reader, the shared scheduler), open file descriptors, heap used after GC. */
    private record Usage(long mqttThreads, long openFiles, long heapBytes) {

        static Usage now() throws IOException {
            long threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("tether-default-reader") || name.startsWith("tether-scheduler")).count();
            long files;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                files = fds.count();
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Usage(threads, files, heap);
        }
    }
}
