package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.disconnects;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.types;
import static dev.tether.mqtt.internal.testbroker.ScriptedBroker.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * A broken or hostile MQTT 5 broker never breaks the gateway: Tether drops the connection naming the fault, on a
 * connection it accepted after telling the broker why in a DISCONNECT (0x81 Malformed Packet, 0x82 Protocol Error:
 * MQTT 5.0, 4.13), lets nothing escape, and reconnects after the backoff.
 */
class Mqtt5HostileBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    static Stream<Arguments> afterConnAck() {
        return Stream.of(
            // topic "a/b", properties: Content Type "x", Content Type "y"; payload "z"
            Arguments.of("a PUBLISH with Content Type twice", "30 0F 00 03 61 2F 62 08 03 00 01 78 03 00 01 79 7A",
                0x82, "the Content Type property appears more than once in a PUBLISH"),
            Arguments.of("a PUBLISH with the property identifier 0x7F", "30 09 00 03 61 2F 62 02 7F 00 7A", 0x81,
                "0x7F in a PUBLISH is not a property identifier"),
            Arguments.of("a PUBLISH whose property length runs past the packet", "30 07 00 03 61 2F 62 05 7A", 0x81,
                "the property length 5 of a PUBLISH exceeds the 1 bytes that remain"),
            // the client sent no Authentication Method, so the broker may send no AUTH [MQTT-4.12.0-6]
            Arguments.of("an AUTH packet", "F0 00", 0x82,
                "the broker sent AUTH, but the client asked for no enhanced authentication"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterConnAck")
    void hostileInputAfterConnAckEndsTheConnectionWithADisconnectAndItComesBack(String what, String bytes,
            int reasonCode, String named) throws Exception {
        // given a broker that accepts the first connection, then sends the bytes
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            client.send(Mqtt5Scripts.ACCEPTED);
            if (client.number() == 1) {
                client.sendRaw(hex(bytes));
            }
            serve(client);
        }));

        // when Tether connects
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));

        // then it sends a DISCONNECT with the reason code, as the last thing on that connection, and closes it
        ScriptedConnection first = broker.awaitConnection(1, TIMEOUT);
        assertThat(first.ended()).succeedsWithin(TIMEOUT);
        assertThat(types(first.received())).isEqualTo("CONNECT, DISCONNECT");
        assertThat(disconnects(first).get(0).reasonCode()).isEqualTo(reasonCode);
        // and names the fault, and connects again after the backoff
        assertDroppedAndMadeAgain(broker, connection, "connection to tcp://" + broker.address() + " lost: the broker"
            + " broke the MQTT protocol: ", named);
    }

    static Stream<Arguments> connAcks() {
        return Stream.of(
            Arguments.of("a CONNACK with Receive Maximum twice", "20 09 00 00 06 21 00 0A 21 00 0A",
                "the Receive Maximum property appears more than once in a CONNACK"),
            // a Receive Maximum of 0 is a Protocol Error (MQTT 5.0, 3.2.2.3.3): nothing could ever be sent
            Arguments.of("a CONNACK with Receive Maximum 0", "20 06 00 00 03 21 00 00",
                "the Receive Maximum of 0 in a CONNACK is not 1 to 65535"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connAcks")
    void aHostileConnAckFailsTheAttemptWhichIsRetriedAfterTheBackoff(String what, String bytes, String named)
            throws Exception {
        // given a broker that answers the first CONNECT with the bytes
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            if (client.number() == 1) {
                client.sendRaw(hex(bytes));
                return;
            }
            client.send(Mqtt5Scripts.ACCEPTED);
            serve(client);
        }));

        // when Tether connects
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));

        // then it closes that attempt without a DISCONNECT (the connection was never accepted), names the fault,
        // and tries again after the backoff
        ScriptedConnection first = broker.awaitConnection(1, TIMEOUT);
        assertThat(first.ended()).succeedsWithin(TIMEOUT);
        assertThat(types(first.received())).isEqualTo("CONNECT");
        assertDroppedAndMadeAgain(broker, connection, "connect to tcp://" + broker.address() + " failed: the broker"
            + " broke the MQTT protocol: ", named);
    }

    private static void assertDroppedAndMadeAgain(ScriptedBroker broker, ManagedConnection connection, String prefix,
            String named) throws InterruptedException {
        ScriptedConnection second = broker.awaitConnection(2, TIMEOUT);
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - broker.connection(1).lastSentAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString().startsWith(prefix).contains(named);
    }
}
