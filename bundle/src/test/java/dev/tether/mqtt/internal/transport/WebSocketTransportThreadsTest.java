package dev.tether.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Issued;
import dev.tether.mqtt.testing.TestPki;

/**
 * Which threads WebSocket connections start, counted by name: Tether promises no thread of its own per connection
 * beyond its reader, and none left behind after a stop. The JDK starts one {@code HttpClient-<n>-SelectorManager} per
 * HttpClient; {@link WebSocketClients} shares a client per TLS configuration, so ten connections over two
 * configurations make two, which end once the clients are dropped (on Java 17, after a garbage collection).
 */
@Timeout(60)
class WebSocketTransportThreadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String POOL = "ws-pool";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private final List<WebSocketTransport> transports = new ArrayList<>();
    private EmbeddedMoquette broker;

    @AfterEach
    void stopBroker() {
        transports.forEach(WebSocketTransport::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void connectionsShareTheSelectorThreadOfTheirTlsConfigurationAndLeaveNoThreadBehind() throws Exception {
        // given a broker with ws and wss, whose own threads are all started before counting
        TestPki pki = TestPki.create(dir, "tether-test");
        Issued server = pki.issueServer("moquette", List.of("localhost"), List.of("127.0.0.1"));
        broker = EmbeddedMoquette.builder().websocket().secureWebsocket(server.writePkcs12(PASSWORD), PASSWORD)
            .start();
        warmUp();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();
        ThreadPoolExecutor pool = TestPool.elastic(POOL);
        WebSocketClients clients = new WebSocketClients(pool);

        // when five ws and five wss connections (one TLS configuration) are opened and used
        for (int i = 0; i < 5; i++) {
            transports.add(open(clients, "ws://127.0.0.1:" + broker.websocketPort() + "/mqtt", Optional.empty(), i));
            transports.add(open(clients, "wss://localhost:" + broker.secureWebsocketPort() + "/mqtt",
                Optional.of(WebSocketTls.of(Optional.of(pki.caCertificate()), Optional.empty(), Optional.empty(),
                    new char[0], List.of(), Clock.systemUTC())), i));
        }
        Map<String, Integer> open = newThreads(before);
        long started = threads.getTotalStartedThreadCount() - startedBefore;
        System.out.printf("threads: 10 connections open: %s; %d threads started in all, %d of them the pool's"
            + " (common pool parallelism %d)%n", open, started, pool.getLargestPoolSize(),
            ForkJoinPool.getCommonPoolParallelism());

        // then the JDK runs one selector thread per client and no worker pool of its own
        assertThat(ours(open)).containsOnlyKeys("HttpClient-*-SelectorManager", POOL)
            .containsEntry("HttpClient-*-SelectorManager", 2);
        assertThat(clients.size()).isEqualTo(2);

        // when the connections are closed, the shared clients stay for the next attempt
        transports.forEach(WebSocketTransport::close);
        await().atMost(TIMEOUT).until(() -> !newThreads(before).containsKey(POOL));
        Map<String, Integer> closed = newThreads(before);
        System.out.printf("threads: after the 10 are closed: %s%n", closed);
        assertThat(ours(closed)).containsOnly(Map.entry("HttpClient-*-SelectorManager", 2));

        // and once the clients are dropped, their selector threads end (Java 17: after a garbage collection)
        clients.close();
        pool.shutdown();
        long droppedAt = System.nanoTime();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            System.gc();
            assertThat(ours(newThreads(before))).isEmpty();
        });
        System.out.printf("threads: none left %d ms after the clients were dropped%n",
            (System.nanoTime() - droppedAt) / 1_000_000);
    }

    /** Starts the broker's lazily started threads, the JDK's shared ones and the classes, outside the count. */
    private void warmUp() throws Exception {
        ThreadPoolExecutor pool = TestPool.elastic("warm-up");
        try (WebSocketClients clients = new WebSocketClients(pool)) {
            for (int i = 0; i < 10; i++) {
                open(clients, "ws://127.0.0.1:" + broker.websocketPort() + "/mqtt", Optional.empty(), 100 + i)
                    .close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static WebSocketTransport open(WebSocketClients clients, String uri, Optional<WebSocketTls> tls, int i)
            throws Exception {
        WebSocketTransport transport = WebSocketTransport.open(java.net.URI.create(uri), tls, TIMEOUT, clients);
        new MqttOverTransport(transport).connect("threads-" + uri.charAt(2) + i);
        return transport;
    }

    /** @return the threads the JDK's HttpClient and the pool run, leaving out any other test's late threads */
    private static Map<String, Integer> ours(Map<String, Integer> threads) {
        return threads.entrySet().stream().filter(entry -> entry.getKey().startsWith("HttpClient-")
                || entry.getKey().equals(POOL))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum, TreeMap::new));
    }

    /**
     * @return the threads alive now that were not before, by name with numbers as {@code *}, and how many; without
     *     Awaitility's, which polls the conditions
     */
    private static Map<String, Integer> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread) && thread.isAlive())
            .filter(thread -> !thread.getName().startsWith("awaitility"))
            .map(thread -> thread.getName().startsWith(POOL + "-") ? POOL : thread.getName().replaceAll("\\d+", "*"))
            .collect(Collectors.toMap(name -> name, name -> 1, Integer::sum, TreeMap::new));
    }
}
