package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** ack_timeout: a QoS 1 message the broker leaves unanswered is sent again on a new connection. */
class AckTimeoutTest {

    private static final ConnAck ACCEPTED = new ConnAck(false, 0, Properties.NONE);
    private static final byte[] PAYLOAD = "reading".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void anUnansweredMessageIsSentAgainOnANewConnectionAfterAckTimeout() throws Exception {
        // given a broker that leaves the first connection's PUBLISH unanswered and acknowledges on the second
        AtomicLong firstPublishAt = new AtomicLong();
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
            Publish publish = client.expect(Publish.class);
            if (client.number() == 1) {
                firstPublishAt.set(System.nanoTime());
            } else {
                client.send(new PubAck(publish.packetId()));
            }
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "ack_timeout", 1));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);

        // when a QoS 1 message is published
        CompletableFuture<Void> sent = connection.publish("ack/x", PAYLOAD, 1, false).toCompletableFuture();

        // then after ack_timeout Tether drops the connection, sends the message again on the next, and it completes
        assertThat(sent).succeedsWithin(Duration.ofSeconds(10));
        ScriptedConnection first = broker.connection(1);
        assertThat(first.ended()).succeedsWithin(Duration.ofSeconds(5));
        Duration unanswered = Duration.ofNanos(first.endedAtNanos() - firstPublishAt.get());
        assertThat(unanswered).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(broker.connection(2).received()).filteredOn(Publish.class::isInstance).hasSize(1)
            .allSatisfy(packet -> assertThat(((Publish) packet).payload()).isEqualTo(PAYLOAD));
        assertThat(connection.status().lastError()).get().asString().contains("no acknowledgement from the broker")
            .contains("(ack_timeout 1 s)");
    }

    @Test
    void aSubscribeLeftUnansweredAfterConnackIsSentAgainOnANewConnectionAfterAckTimeout() throws Exception {
        // given a broker that leaves the first connection's SUBSCRIBE unanswered, and answers on the second
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
            Subscribe subscribe = client.expect(Subscribe.class);
            if (client.number() == 1) {
                return;
            }
            client.send(new SubAck(subscribe.packetId(), List.of(1), Properties.NONE));
            client.send(new PubAck(client.expect(Publish.class).packetId()));
        }));

        // when Tether subscribes and publishes, with ack_timeout 1 s
        ManagedConnection connection = connections.open(null, connections.config(broker, "ack_timeout", 1));
        MqttSubscription subscription = connection.subscribe(List.of("ack/#"), 1, message -> { });
        CompletableFuture<Void> sent = connection.publish("ack/x", PAYLOAD, 1, false).toCompletableFuture();

        // then it gives the first connection up after ack_timeout, saying why, and the second one carries both
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(sent).succeedsWithin(Duration.ofSeconds(10));
        ScriptedConnection first = broker.connection(1);
        assertThat(first.ended()).succeedsWithin(Duration.ofSeconds(5));
        Duration afterConnAck = Duration.ofNanos(first.endedAtNanos() - first.lastSentAtNanos());
        assertThat(afterConnAck).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(connection.status().lastError()).get().asString().contains("no SUBACK from the broker")
            .contains("(ack_timeout 1 s)");
    }

    @Test
    void withAckTimeoutZeroAnUnansweredMessageKeepsTheConnection() throws Exception {
        // given a broker that never answers a PUBLISH
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "ack_timeout", 0));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);

        // when a QoS 1 message is sent
        CompletableFuture<Void> sent = connection.publish("ack/x", PAYLOAD, 1, false).toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.count(Publish.class) == 1);

        // then Tether waits: the same connection, the message still unacknowledged
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() ->
            connection.state() == ConnectionState.CONNECTED && broker.connectionsAccepted() == 1 && !sent.isDone());
        assertThat(connection.status().inFlightMessages()).isEqualTo(1);
    }
}
