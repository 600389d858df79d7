package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.testbroker.ScriptedBroker.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/**
 * {@code protocol_version=auto}: MQTT 5 first, and MQTT 3.1.1 at once, without backoff, when the broker says in any
 * of the ways brokers say it that it does not speak 5 (MQTT 5.0, 3.1.2.2: a server that does not support the level
 * may answer with 0x84 or close the connection); remembered for that server. {@code protocol_version=5} never falls
 * back.
 */
class Mqtt5ScriptedFallbackTest {

    /** MQTT 3.1.1's CONNACK accepting the connection. */
    private static final String ACCEPTED_311 = "20 02 00 00";
    /** The reconnect_timeout_min of the scripted configurations: a retry after backoff comes no sooner. */
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    /** An attempt "at once" comes well within the backoff. */
    private static final Duration AT_ONCE = Duration.ofMillis(700);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final AtomicLong refusedAt = new AtomicLong();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
            Arguments.of("an MQTT 3.1.1 CONNACK 0x01 (unacceptable protocol version)", "20 02 00 01"),
            Arguments.of("0x01 in MQTT 5's form, as Moquette 0.17 sends it", "20 03 00 01 00"),
            Arguments.of("an MQTT 5 CONNACK 0x84 (unsupported protocol version)", "20 03 00 84 00"),
            Arguments.of("a close before any CONNACK", null));
    }

    /** Refuses every level 5 CONNECT with {@code refusal} (null: closes), accepts level 4 and serves it. */
    private ScriptedBroker refusingMqtt5(String refusal) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            Connect connect = client.expect(Connect.class);
            if (connect.protocolLevel() == Connect.MQTT_5) {
                refusedAt.set(System.nanoTime());
                if (refusal == null) {
                    client.close();
                } else {
                    client.sendRaw(hex(refusal));
                }
                return;
            }
            client.sendRaw(hex(ACCEPTED_311));
            serve(client);
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBrokerRefusingMqtt5GetsAnMqtt311ConnectAtOnceWhichWorks(String what, String refusal) throws Exception {
        // given a broker that refuses MQTT 5 this way and speaks MQTT 3.1.1
        ScriptedBroker broker = refusingMqtt5(refusal);

        // when Tether connects with protocol_version=auto
        ManagedConnection connection = connections.open(null, connections.config(broker, "protocol_version", "auto"));

        // then the first CONNECT is level 5, the next one level 4, sent without waiting for the backoff
        ScriptedConnection second = broker.awaitConnection(2, TIMEOUT);
        assertThat(levelOf(broker.connection(1))).isEqualTo(5);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(levelOf(second)).isEqualTo(4);
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - refusedAt.get())).isLessThan(AT_ONCE);
        // and the session speaks MQTT 3.1.1: a QoS 1 message is acknowledged
        assertThat(connection.status().protocolVersion()).hasValue("3.1.1");
        assertThat(connection.publish("fallback/works", new byte[] {1}, 1, false).toCompletableFuture())
            .succeedsWithin(TIMEOUT);
    }

    @Test
    void theFallbackIsRememberedForLaterConnections() throws Exception {
        // given a broker that refuses MQTT 5 (0x84) and drops the first MQTT 3.1.1 connection when the test says so
        CountDownLatch drop = new CountDownLatch(1);
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            Connect connect = client.expect(Connect.class);
            if (connect.protocolLevel() == Connect.MQTT_5) {
                client.sendRaw(hex("20 03 00 84 00"));
                return;
            }
            client.sendRaw(hex(ACCEPTED_311));
            if (client.number() == 2) {
                assertThat(drop.await(10, TimeUnit.SECONDS)).isTrue();
                client.close();
            }
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "protocol_version", "auto"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // when the MQTT 3.1.1 connection is lost and made again
        drop.countDown();
        ScriptedConnection third = broker.awaitConnection(3, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // then the new connection offers level 4 straight away: MQTT 5 is not tried again on this server
        assertThat(levelOf(third)).isEqualTo(4);
        assertThat(broker.connectionsAccepted()).isEqualTo(3);
        assertThat(connection.status().protocolVersion()).hasValue("3.1.1");
    }

    @Test
    void protocolVersion5NeverOffers311AndSaysWhyInLastError() throws Exception {
        // given a broker that speaks only MQTT 3.1.1
        ScriptedBroker broker = refusingMqtt5("20 02 00 01");

        // when Tether connects with protocol_version=5
        ManagedConnection connection = connections.open(null, connections.config(broker, "protocol_version", "5"));

        // then each attempt offers level 5, after the backoff, and lastError tells the operator what to change
        ScriptedConnection second = broker.awaitConnection(2, TIMEOUT);
        second.ended().get(10, TimeUnit.SECONDS);
        assertThat(List.of(levelOf(broker.connection(1)), levelOf(second))).containsExactly(5, 5);
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - broker.connection(1).lastSentAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
        await().atMost(TIMEOUT).until(() -> connection.status().lastError().isPresent());
        assertThat(connection.status().lastError()).get().asString()
            .contains("the broker does not speak MQTT 5", "unacceptable protocol version (CONNACK return code 1)",
                "protocol_version");
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(broker.received()).allSatisfy(packet -> assertThat(((Connect) packet).protocolLevel())
            .isEqualTo(Connect.MQTT_5));
    }

    @Test
    void aFallbackWhoseMqtt311AttemptFailsTooOffersMqtt5AgainNextTime() throws Exception {
        // given a broker that refuses MQTT 5 with 0x84, then closes the MQTT 3.1.1 attempt before CONNACK (it was
        // restarting, say), then accepts MQTT 5
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            Connect connect = client.expect(Connect.class);
            switch (client.number()) {
                case 1 -> client.sendRaw(hex("20 03 00 84 00"));
                case 2 -> client.close();
                default -> {
                    if (connect.protocolLevel() == Connect.MQTT_5) {
                        client.send(Mqtt5Scripts.ACCEPTED);
                        serve(client);
                    }
                }
            }
        }));

        // when Tether connects with protocol_version=auto
        ManagedConnection connection = connections.open(null, connections.config(broker, "protocol_version", "auto"));

        // then the third attempt, after the backoff, offers MQTT 5 again, and the broker's MQTT 5 is used
        ScriptedConnection third = broker.awaitConnection(3, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(List.of(levelOf(broker.connection(1)), levelOf(broker.connection(2)), levelOf(third)))
            .containsExactly(5, 4, 5);
        assertThat(Duration.ofNanos(third.acceptedAtNanos() - broker.connection(2).endedAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
        assertThat(connection.status().protocolVersion()).hasValue("5");
    }

    @Test
    void autoConnectsToTheMqtt311OnlyMoquetteWithMqtt311() throws Exception {
        // given Moquette 0.17, which speaks MQTT 3.1.1 only
        EmbeddedMoquette moquette = connections.closeAfter(EmbeddedMoquette.builder().plain().recording().start());

        // when Tether connects with protocol_version=auto
        ManagedConnection connection = connections.open(null, connections.config(moquette.plainAddress(),
            "protocol_version", "auto", "queue_persistence", "memory"));

        // then it connects, with MQTT 3.1.1, and messages go through
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().protocolVersion()).hasValue("3.1.1");
        assertThat(connection.publish("fallback/moquette", "hello".getBytes(), 1, false).toCompletableFuture())
            .succeedsWithin(TIMEOUT);
        await().atMost(TIMEOUT).until(() -> moquette.publishedPayloads().contains("hello"));
    }

    private static int levelOf(ScriptedConnection client) {
        return ((Connect) client.received().get(0)).protocolLevel();
    }
}
