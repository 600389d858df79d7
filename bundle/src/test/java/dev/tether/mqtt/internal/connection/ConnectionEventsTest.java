package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** What a connection announces to {@link ConnectionEvents} ({@code cloud_events}), against a real broker. */
class ConnectionEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Refuses subscriptions below secret/, for {@link #announcesASubscriptionTheBrokerRefuses()}. */
    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().denySubscriptionsTo("secret").build();
    private final ManagedConnection connection = new ManagedConnection("events", new RecordingLogger().logger(),
        ClockCheck.system(Instant.EPOCH), null);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() {
        connection.close();
        broker.close();
    }

    private ParsedConfiguration config(Object... keyValues) {
        return connections.config(broker.plainAddress(), keyValues);
    }

    private final ConnectionEvents recorder = new ConnectionEvents() {
        @Override
        public void connected(ConnectionStatus status) {
            events.add("CONNECTED " + status.server());
        }

        @Override
        public void disconnected(ConnectionStatus status, String cause) {
            events.add("DISCONNECTED " + cause);
        }

        @Override
        public void subscriptionFailed(ConnectionStatus status, String topicFilter, int reasonCode, String reason) {
            events.add("SUBSCRIPTION_FAILED " + topicFilter + " " + reasonCode);
        }

        @Override
        public void queueOverflow(ConnectionStatus status) {
            events.add("QUEUE_OVERFLOW queued=" + status.queuedMessages());
        }
    };

    @Test
    void announcesConnectAndDisconnectWithTheCause() throws Exception {
        // given
        broker.start();
        connection.events(recorder);

        // when connected, then the broker goes away
        connection.apply(config());
        await().atMost(TIMEOUT).until(() -> events.contains("CONNECTED tcp://" + broker.plainAddress()));
        broker.stop();

        // then
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events).anySatisfy(event -> assertThat(event)
            .startsWith("DISCONNECTED connection to tcp://" + broker.plainAddress() + " lost")));
    }

    @Test
    void announcesAQueueOverflowOncePerEpisode() {
        // given a queue of two and no broker
        connection.events(recorder);
        connection.apply(config("max_queue_length", 2, "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(() -> connection.status().reconnectAttempts() >= 1);

        // when five messages are published into it
        for (int i = 0; i < 5; i++) {
            connection.publish("events/q", new byte[] {(byte) i}, 1, false);
        }

        // then one overflow is announced, not three
        await().atMost(TIMEOUT).until(() -> events.contains("QUEUE_OVERFLOW queued=2"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
            .until(() -> events.stream().filter(event -> event.startsWith("QUEUE_OVERFLOW")).count() == 1);
    }

    @Test
    void announcesASubscriptionTheBrokerRefuses() throws Exception {
        // given a broker refusing subscriptions below secret/
        broker.start();
        connection.events(recorder);
        connection.apply(config());
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // when
        connection.subscribe(List.of("secret/#"), 1, message -> { });
        connection.subscribe(List.of("open/#"), 1, message -> { });

        // then only the refused one is announced, and the connection stays up
        await().atMost(TIMEOUT).until(() -> events.contains("SUBSCRIPTION_FAILED secret/# 128"));
        assertThat(events).noneMatch(event -> event.startsWith("SUBSCRIPTION_FAILED open/#"));
        assertThat(connection.status().lastError()).hasValueSatisfying(error -> assertThat(error)
            .contains("secret/#", "rejected"));
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void withoutEventsNothingIsAnnouncedAndTheConnectionWorks() throws Exception {
        // given events switched off again after being on
        broker.start();
        connection.events(recorder);
        connection.events(ConnectionEvents.NONE);

        // when
        connection.apply(config());

        // then
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(events).isEmpty();
    }
}
