package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.codec.UnsubAck;
import dev.tether.mqtt.internal.codec.Unsubscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** Ending a connection on purpose says so to the broker with DISCONNECT, so that it drops the will. */
class DisconnectTest {

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private ScriptedBroker broker;
    private ManagedConnection closedByTheTest;

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
        if (closedByTheTest != null) {
            closedByTheTest.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void closingTheConnectionSendsDisconnect() throws Exception {
        // given a connection to a broker that accepts it
        broker = acceptingBroker();
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), null);
        closedByTheTest = connection;
        connection.apply(connections.config(broker));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);

        // when it is closed
        closedByTheTest = null;
        connection.close();

        // then the broker received DISCONNECT, and the connection ended
        ScriptedConnection client = broker.connection(1);
        assertThat(client.ended()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(client.received()).hasSize(2).element(1).isEqualTo(Disconnect.NORMAL);
    }

    @Test
    void aConfigurationChangeSendsDisconnectOnTheOldConnection() throws Exception {
        // given a connection with one client id
        broker = acceptingBroker();
        ManagedConnection connection = connections.open(null, connections.config(broker, "client_id", "before"));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);

        // when the configuration changes to another
        connection.apply(connections.config(broker, "client_id", "after"));

        // then the old connection ends with DISCONNECT, and the new one connects with the new client id
        ScriptedConnection old = broker.connection(1);
        assertThat(old.ended()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(old.received()).hasSize(2).element(1).isEqualTo(Disconnect.NORMAL);
        ScriptedConnection next = broker.awaitConnection(2, Duration.ofSeconds(10));
        assertThat(next.finished()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(((Connect) next.received().get(0)).clientId()).isEqualTo("after");
    }

    @Test
    void closingWaitsForTheAnswerToAnUnsubscribeSentJustBefore() throws Exception {
        // given a broker that holds back its UNSUBACK until the connection is being closed, and watches whether
        // DISCONNECT comes before that answer (Moquette logs a failure when it answers a connection already gone)
        CountDownLatch unsubscribed = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        AtomicReference<Packet> beforeTheAnswer = new AtomicReference<>();
        broker = ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(1), Properties.NONE));
            Unsubscribe unsubscribe = client.expect(Unsubscribe.class);
            unsubscribed.countDown();
            assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
            try {
                beforeTheAnswer.set(client.next(Duration.ofMillis(300)));
                return;
            } catch (AssertionError nothingCame) {
                // as it should be: the client waits for the answer
            }
            client.send(new UnsubAck(unsubscribe.packetId(), List.of(), Properties.NONE));
            client.expect(Disconnect.class);
        });
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), null);
        closedByTheTest = connection;
        connection.apply(connections.config(broker));
        MqttSubscription subscription = connection.subscribe(List.of("t/#"), 1, message -> { });
        assertThat(subscription.acknowledged()).succeedsWithin(Duration.ofSeconds(10));

        // when the subscription ends and the connection closes right after
        subscription.close();
        assertThat(unsubscribed.await(10, TimeUnit.SECONDS)).isTrue();
        closedByTheTest = null;
        CompletableFuture<Void> closed = CompletableFuture.runAsync(connection::close);
        closing.countDown();

        // then DISCONNECT came after the broker's answer, and closing took no longer than it had to
        assertThat(closed).succeedsWithin(Duration.ofSeconds(5));
        ScriptedConnection client = broker.connection(1);
        assertThat(client.finished()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(beforeTheAnswer.get()).as("a packet before the UNSUBACK").isNull();
        assertThat(client.received()).last().isEqualTo(Disconnect.NORMAL);
    }

    private static ScriptedBroker acceptingBroker() throws Exception {
        return ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
        });
    }
}
