package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.FaultProxy;

/**
 * A bad network between Tether and the broker (a fault-injecting proxy): connections cut every few
 * hundred milliseconds, cut in the middle of a packet, blackholed. The witness subscribes directly
 * at the broker. QoS 1 may duplicate; it must never lose.
 */
class FaultInjectionTest {

    private static final int MESSAGES = 2000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    private final TestConnections connections = new TestConnections();

    @BeforeEach
    void startBroker() throws IOException {
        broker.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
        broker.close();
    }

    private <T extends AutoCloseable> T closeAfter(T resource) {
        return connections.closeAfter(resource);
    }

    private ManagedConnection connection(FaultProxy proxy, Object... keyValues) {
        Object[] all = java.util.Arrays.copyOf(keyValues, keyValues.length + 4);
        all[keyValues.length] = "reconnect_timeout_max";
        all[keyValues.length + 1] = 2;
        all[keyValues.length + 2] = "queue_persistence";
        all[keyValues.length + 3] = "memory";
        return connections.open(null, connections.config("127.0.0.1:" + proxy.port(), all));
    }

    @Test
    void cutsEveryFewHundredMillisecondsLoseNoQos1Message() throws Exception {
        // given Tether behind a proxy that cuts its connection every 300 ms, sometimes mid-packet
        FaultProxy proxy = closeAfter(FaultProxy.start(broker.plainPort()));
        TestSubscriber witness = closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(), "fault/#"));
        ManagedConnection connection = connection(proxy);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        ScheduledExecutorService chaos = Executors.newScheduledThreadPool(2);
        closeAfter(chaos::shutdownNow);
        AtomicInteger cuts = new AtomicInteger();
        chaos.scheduleAtFixedRate(() -> {
            if (cuts.incrementAndGet() % 3 == 0) {
                // the next connection is cut somewhere in its stream of packets, likely inside one
                proxy.cutAfterBytes(ThreadLocalRandom.current().nextInt(50, 3000));
            } else {
                proxy.dropConnections();
            }
        }, 300, 300, TimeUnit.MILLISECONDS);

        // when messages are published all the while, 25 every 50 ms (about 4 s)
        List<CompletableFuture<Void>> stages = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> published = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        chaos.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 25 && next.get() < MESSAGES; i++) {
                stages.add(connection.publish("fault/cut", Integer.toString(next.getAndIncrement())
                    .getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture());
            }
            if (next.get() >= MESSAGES) {
                published.complete(null);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        published.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        chaos.shutdownNow();
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        // then the witness has every message, first occurrences in publish order
        await().atMost(Duration.ofSeconds(20)).until(() -> new LinkedHashSet<>(witness.payloads()).size() >= MESSAGES);
        List<String> received = witness.payloads();
        Set<String> distinct = new LinkedHashSet<>(received);
        assertThat(distinct).containsExactlyElementsOf(numbers(MESSAGES));
        assertThat(cuts.get()).as("faults injected").isGreaterThan(3);
        System.out.printf("[fault] %d QoS1 messages, %d faults (%d connections), %d received, %d duplicates%n",
            MESSAGES, cuts.get(), proxy.connectionsAccepted(), received.size(), received.size() - distinct.size());
    }

    @Test
    void blackholedConnectionIsDetectedWithinOneAndAHalfKeepAlives() throws Exception {
        // given a connection with keep_alive 2 s (Paho alone would take 4 s)
        FaultProxy proxy = closeAfter(FaultProxy.start(broker.plainPort()));
        ManagedConnection connection = connection(proxy, "keep_alive", 2);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // when the network silently drops everything, without FIN or RST
        long start = System.nanoTime();
        proxy.blackhole(true);

        // then the connection is declared lost within 1.5 × keep_alive (plus a scheduling margin)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> connection.state() != ConnectionState.CONNECTED);
        Duration detected = Duration.ofNanos(System.nanoTime() - start);
        assertThat(detected).isLessThanOrEqualTo(Duration.ofMillis(3500));
        assertThat(connection.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("lost"));

        // and once the network is back it reconnects
        proxy.blackhole(false);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        System.out.printf("[fault] blackhole detected after %d ms (keep_alive 2 s)%n", detected.toMillis());
    }

    private static List<String> numbers(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }
}
