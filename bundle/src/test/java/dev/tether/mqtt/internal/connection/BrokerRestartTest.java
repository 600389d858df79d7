package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import dev.tether.mqtt.testing.MosquittoProcess;

/**
 * The broker restarts while Tether publishes; Tether must re-send what the broker had not
 * acknowledged. QoS 1 may duplicate; it must never lose.
 */
class BrokerRestartTest {

    private static final int MESSAGES = 1500;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A broker the test can restart on the same port. */
    private interface RestartableBroker {
        int port();

        void stop();

        void start() throws Exception;
    }

    @Test
    void mosquittoRestartLosesNothing() throws Exception {
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        MosquittoProcess mosquitto = MosquittoProcess.builder(dir.resolve("mosquitto"))
            .listener("plain", Listener.plain()).persistent().start();
        opened.add(mosquitto);
        publishThroughRestart("mosquitto", new RestartableBroker() {
            public int port() {
                return mosquitto.port("plain");
            }

            public void stop() {
                mosquitto.stop();
            }

            public void start() throws Exception {
                mosquitto.start();
            }
        }, null);
    }

    /**
     * Moquette 0.17 loses the QoS 1 messages in flight to a subscriber when it stops, so here the
     * broker itself is the witness: its interceptor records every PUBLISH it received, across the restart.
     */
    @Test
    void moquetteRestartLosesNothing() throws Exception {
        EmbeddedMoquette moquette = EmbeddedMoquette.builder().plain().recording().start();
        opened.add(moquette);
        publishThroughRestart("moquette", new RestartableBroker() {
            public int port() {
                return moquette.plainPort();
            }

            public void stop() {
                moquette.stop();
            }

            public void start() throws Exception {
                moquette.start();
            }
        }, () -> moquette.publishedPayloads().stream().filter(payload -> !payload.isEmpty()).toList());
    }

    /**
     * @param brokerRecord what the broker received, when it is the witness; null: a persistent-session
     *                     subscriber is the witness
     */
    private void publishThroughRestart(String kind, RestartableBroker broker, Supplier<List<String>> brokerRecord)
            throws Exception {
        // given a witness and Tether, both connected
        String uri = "tcp://127.0.0.1:" + broker.port();
        Supplier<List<String>> witness;
        if (brokerRecord == null) {
            TestSubscriber subscriber = new TestSubscriber(uri, "restart/#", "witness-" + kind);
            opened.add(subscriber);
            witness = subscriber::payloads;
        } else {
            witness = brokerRecord;
        }
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), dir.resolve("tether"));
        opened.add(connection::close);
        connection.apply(new SettingsParser("restart-test", "host").parseDefault(Map.of("enable", true,
            "server", "127.0.0.1:" + broker.port(), "reconnect_timeout_min", 1, "reconnect_timeout_max", 1)));
        await().atMost(TIMEOUT).until(() -> connection.state() == dev.tether.mqtt.ConnectionState.CONNECTED);

        // when the broker restarts while messages are published, 25 every 50 ms
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        opened.add(publisher::shutdownNow);
        List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> published = new CompletableFuture<>();
        publisher.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 25 && next.get() < MESSAGES; i++) {
                stages.add(connection.publish("restart/q", Integer.toString(next.getAndIncrement())
                    .getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture());
            }
            if (next.get() >= MESSAGES) {
                published.complete(null);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        await().atMost(TIMEOUT).until(() -> next.get() >= MESSAGES / 3);
        long stopped = System.nanoTime();
        broker.stop();
        broker.start();
        published.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // then the witness has every message
        await().atMost(TIMEOUT).until(() -> new LinkedHashSet<>(witness.get()).size() >= MESSAGES);
        List<String> received = witness.get();
        Set<String> distinct = new LinkedHashSet<>(received);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(expected);
        System.out.printf("[restart] %s: %d QoS1 messages through a broker restart, %d received, %d duplicates,"
            + " all acknowledged %d ms after the stop%n", kind, MESSAGES, received.size(),
            received.size() - distinct.size(), Duration.ofNanos(System.nanoTime() - stopped).toMillis());
    }
}
