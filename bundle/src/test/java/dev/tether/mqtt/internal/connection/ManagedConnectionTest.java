package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** The connection against a real in-process broker, outside OSGi. */
class ManagedConnectionTest {

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().recording().build();
    private final ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
        ClockCheck.system(java.time.Instant.EPOCH), null);
    private final SettingsParser parser = new SettingsParser("test-device", "host");

    @BeforeEach
    void startBroker() throws IOException {
        broker.start();
    }

    @AfterEach
    void tearDown() {
        connection.close();
        broker.close();
    }

    private ParsedConfiguration config(String server, Object... keyValues) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("enable", true);
        properties.put("server", server);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return parser.parseDefault(properties);
    }

    private void awaitState(ConnectionState state) {
        await().atMost(Duration.ofSeconds(15)).until(connection::state, state::equals);
    }

    @Test
    void publishedMessageReachesSubscriber() throws Exception {
        List<MqttMessage> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("t/#"), 1, received::add).acknowledged();
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);

        connection.publish("t/1", "hello".getBytes(), 1, false).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0).payloadAsString()).isEqualTo("hello");
        assertThat(connection.status().clientId()).isEqualTo("test-device");
    }

    @Test
    void dependentActionsRunOnTetherThreadsNotOnNetworkThreads() throws Exception {
        try (EmbeddedMoquette late = EmbeddedMoquette.builder().plain().build()) {
            // given a subscription and a queued publish made while the broker is not up yet
            ParsedConfiguration settings = config(late.plainAddress());
            connection.apply(settings);
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.status().reconnectAttempts() > 0);
            var subscription = connection.subscribe(List.of("threads/#"), 1, message -> { });
            var acknowledgedOn = subscription.acknowledged().thenApply(done -> Thread.currentThread().getName());
            var publishedOn = connection.publish("threads/x", "x".getBytes(), 1, false)
                .thenApply(done -> Thread.currentThread().getName());

            // when the broker comes up and answers
            late.start();
            connection.apply(settings);

            // then
            assertThat(acknowledgedOn.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .startsWith("tether-worker");
            assertThat(publishedOn.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .startsWith("tether-worker");
        }
    }

    @Test
    void reconnectsAndResubscribesAfterBrokerRestart() throws Exception {
        List<MqttMessage> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("r/+"), 1, received::add);
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);

        broker.stop();
        awaitState(ConnectionState.DISCONNECTED);
        broker.start();
        awaitState(ConnectionState.CONNECTED);
        connection.publish("r/x", "again".getBytes(), 1, false).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    }

    @Test
    void queuesQos1WhileOfflineAndSendsInOrderAfterReconnect() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("q"), 1, message -> received.add(message.payloadAsString()));
        connection.apply(config(broker.plainAddress(), "max_queue_length", 10));
        awaitState(ConnectionState.CONNECTED);
        broker.stop();
        awaitState(ConnectionState.DISCONNECTED);

        var futures = java.util.stream.IntStream.range(0, 5)
            .mapToObj(i -> connection.publish("q", ("m" + i).getBytes(), 1, false).toCompletableFuture()).toList();
        var qos0 = connection.publish("q", "lost".getBytes(), 0, false).toCompletableFuture();
        broker.start();

        for (var future : futures) {
            future.get(15, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 5);
        assertThat(received).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(qos0).isCompletedExceptionally();
        assertThat(causeOf(qos0)).isInstanceOf(MqttServiceException.class)
            .extracting(e -> ((MqttServiceException) e).reason()).isEqualTo(MqttServiceException.Reason.NOT_CONNECTED);
    }

    @Test
    void invalidConfigurationRefusesThenFixedConnects() {
        connection.apply(config("localhost:99999"));
        awaitState(ConnectionState.CONFIGURATION_ERROR);
        assertThat(connection.status().lastError()).get().asString().contains("server='localhost:99999'");

        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);
    }

    @Test
    void subscribersOfOneFilterShareOneBrokerSubscriptionUntilTheLastLeaves() throws Exception {
        // given three subscribers of one filter, at QoS 0, 1 and 1, before connecting
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        var subscriptionA = connection.subscribe(List.of("shared/#"), 0, message -> first.add(message.topic()));
        var subscriptionB = connection.subscribe(List.of("shared/#"), 1, message -> second.add(message.topic()));
        var subscriptionC = connection.subscribe(List.of("shared/+"), 1, message -> { });
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);
        subscriptionB.acknowledged().toCompletableFuture().get(5, TimeUnit.SECONDS);

        // when a message arrives, then two subscribers leave
        connection.publish("shared/x", "one".getBytes(), 1, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.size() == 1 && second.size() == 1);
        subscriptionA.close();
        subscriptionC.close();
        connection.publish("shared/y", "two".getBytes(), 1, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.size() == 2);

        // then the broker saw one SUBSCRIBE per filter at the highest QoS, and UNSUBSCRIBE only for the filter left
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.subscriptionPackets().size() == 3);
        assertThat(broker.subscriptionPackets())
            .containsExactlyInAnyOrder("SUBSCRIBE shared/# 1", "SUBSCRIBE shared/+ 1", "UNSUBSCRIBE shared/+");
        assertThat(first).containsExactly("shared/x");

        // when the last subscriber of shared/# leaves
        subscriptionB.close();

        // then
        await().atMost(Duration.ofSeconds(5))
            .until(() -> broker.subscriptionPackets().contains("UNSUBSCRIBE shared/#"));
        assertThat(connection.status().subscriptionCount()).isZero();
    }

    @Test
    void savingTheSameSettingsWhileWaitingToReconnectRetriesAtOnce() throws Exception {
        // given a broker that is not up yet, and a long backoff
        try (EmbeddedMoquette late = EmbeddedMoquette.builder().plain().build()) {
            ParsedConfiguration settings = config(late.plainAddress(), "reconnect_timeout_min", 60,
                "reconnect_timeout_max", 120);
            connection.apply(settings);
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.status().reconnectAttempts() == 1);
            late.start();

            // when the operator saves the same configuration again
            connection.apply(config(late.plainAddress(), "reconnect_timeout_min", 60, "reconnect_timeout_max", 120));

            // then the next attempt is made now, not in a minute
            await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        }
    }

    @Test
    void statusListsEachFilterWithTheQosAskedAndItsListenerCount() {
        // given three subscribers, two of them sharing a filter at different QoS
        connection.subscribe(List.of("shared/#"), 0, message -> { });
        connection.subscribe(List.of("shared/#"), 1, message -> { });
        connection.subscribe(List.of("other/+", "shared/#"), 2, message -> { });

        // when / then, sorted by filter
        assertThat(connection.status().subscriptions())
            .extracting(s -> s.topicFilter() + " " + s.qos() + " " + s.listenerCount())
            .containsExactly("other/+ 2 1", "shared/# 2 3");
        assertThat(connection.status().subscriptionCount()).isEqualTo(2);
    }

    @Test
    void reconnectStartsANewSessionAtOnceAndKeepsSubscriptions() throws Exception {
        // given a connected session with a subscriber
        List<String> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("r/#"), 1, message -> received.add(message.payloadAsString()));
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);
        java.time.Instant firstSession = connection.status().connectedSince().orElseThrow();

        // when
        connection.reconnect();

        // then a new session comes up and the subscriber still receives
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.status().connectedSince()
            .filter(since -> since.isAfter(firstSession)).isPresent());
        connection.publish("r/1", "after".getBytes(), 1, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("after"));
        assertThat(broker.subscriptionPackets()).containsExactly("SUBSCRIBE r/# 1", "SUBSCRIBE r/# 1");
    }

    @Test
    void reconnectWhileWaitingForTheBackoffConnectsAtOnce() throws Exception {
        // given a broker that was down at the first attempt, and a minute of backoff
        try (EmbeddedMoquette late = EmbeddedMoquette.builder().plain().build()) {
            connection.apply(config(late.plainAddress(), "reconnect_timeout_min", 60, "reconnect_timeout_max", 120));
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.status().reconnectAttempts() == 1);
            late.start();

            // when
            connection.reconnect();

            // then
            await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        }
    }

    @Test
    void cleanCloseDoesNotSendTheWill() throws Exception {
        List<String> wills = new CopyOnWriteArrayList<>();
        try (var observer = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://" + broker.plainAddress(), "observer",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            observer.connect();
            observer.subscribe("will/#", 1, (topic, message) -> wills.add(new String(message.getPayload())));
            connection.apply(config(broker.plainAddress(), "will_topic", "will/gw", "will_message", "gone"));
            awaitState(ConnectionState.CONNECTED);

            connection.close();

            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(wills::isEmpty);
            observer.disconnect();
        }
    }

    @Test
    void aBurstOfPublishesIsCompletedByAFewThreadsNotAThreadEach() throws Exception {
        // given a connected connection
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);
        Set<String> completedOn = ConcurrentHashMap.newKeySet();

        // when 20,000 QoS 0 messages are published, at most 1,000 of them not yet written (QoS 0: Moquette
        // 0.17 under such a load leaves the odd PUBACK unsent, to raw Paho as well)
        Semaphore window = new Semaphore(1000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(window.tryAcquire(10, TimeUnit.SECONDS)).as("completion %d in time", i).isTrue();
            connection.publish("burst/" + (i % 10), "m".getBytes(), 0, false).whenComplete((done, error) -> {
                completedOn.add(Thread.currentThread().getName());
                window.release();
            });
        }

        // then all completed on a few of Tether's shared workers: the pool did not grow a thread per hand-off
        assertThat(window.tryAcquire(1000, 10, TimeUnit.SECONDS))
            .as("all completed; %d outstanding, status %s", 1000 - window.availablePermits(), connection.status())
            .isTrue();
        List<String> poolThreads = completedOn.stream().filter(name -> name.startsWith("tether-worker"))
            .toList();
        assertThat(poolThreads).as("threads that completed stages").isNotEmpty().hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void configurationChangesLeaveNoThreadsBehind() {
        // threads of other tests in this JVM are not this test's business
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        connection.apply(config(broker.plainAddress()));
        awaitState(ConnectionState.CONNECTED);
        assertThat(newThreads(before, "tether-default-reader")).as("the connection's own threads").hasSize(1);

        for (int i = 0; i < 5; i++) {
            connection.apply(config(broker.plainAddress(), "keep_alive", 30 + i));
            await().atMost(Duration.ofSeconds(15)).until(() -> connection.state() == ConnectionState.CONNECTED
                && connection.status().clientId().equals("test-device"));
        }

        // one reader for the live link; those of the five links before it have ended
        await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before, "tether-default-reader").size() == 1);
        connection.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newThreads(before, "tether-")).isEmpty());
    }

    private static List<String> newThreads(Set<Thread> before, String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .filter(thread -> !before.contains(thread) && thread.getName().startsWith(prefix))
            .map(Thread::getName).toList();
    }

    private static Throwable causeOf(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
