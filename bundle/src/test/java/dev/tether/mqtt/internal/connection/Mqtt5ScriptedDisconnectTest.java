package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** A broker's MQTT 5 DISCONNECT (MQTT 5.0, 3.14): its reason in lastError, then a reconnect after the backoff. */
class Mqtt5ScriptedDisconnectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final RecordingLogger logger = new RecordingLogger();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    /** @return a broker that accepts every connection and ends the first ones with the DISCONNECT at once */
    private ScriptedBroker disconnecting(Disconnect disconnect, int times) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            if (client.number() <= times) {
                client.send(disconnect);
                return;
            }
            serve(client);
        }));
    }

    @Test
    void serverShuttingDownShowsTheCodeAndTheWordsAndTetherReconnectsAfterTheBackoff() throws Exception {
        // given a broker that ends the first connection with 0x8B Server shutting down and a Reason String
        ScriptedBroker broker = disconnecting(new Disconnect(0x8B, Properties.builder()
            .string(PropertyIds.REASON_STRING, "maintenance at noon").build()), 1);

        // when Tether connects
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker), logger);

        // then lastError names the code and the broker's words, and the next connection comes after the backoff
        ScriptedConnection second = broker.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).hasValue("connection to tcp://" + broker.address() + " lost: the"
            + " broker disconnected the client: 0x8B server shutting down: maintenance at noon");
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - broker.connection(1).lastSentAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
    }

    @Test
    void sessionTakenOverSaysSoAndWarnsOfTwoGatewaysSharingAClientId() throws Exception {
        // given a broker that ends the first connection with 0x8E Session taken over
        ScriptedBroker broker = disconnecting(new Disconnect(0x8E, Properties.NONE), 1);

        // when Tether connects
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker, "client_id", "gw-twin"),
            logger);

        // then lastError says the session was taken over, and the log tells the operator the likely cause
        broker.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString().contains("0x8E session taken over");
        assertThat(logger.lines()).anySatisfy(line -> assertThat(line).startsWith("warn ")
            .contains("Two gateways with one client_id throw each other off", "gw-twin"));
    }

    @Test
    void repeatedTakeOversMakeTheDelaysGrowThoughEachConnectionSucceeded() throws Exception {
        // given a broker whose sessions are taken over three times in a row, each right after it was accepted
        ScriptedBroker broker = disconnecting(new Disconnect(0x8E, Properties.NONE), 3);
        AtomicInteger connected = new AtomicInteger();
        ManagedConnection connection = new ManagedConnection("default", logger.logger(),
            ClockCheck.system(Instant.EPOCH), null);
        connections.closeAfter(connection::close);
        connection.events(new ConnectionEvents() {
            @Override
            public void connected(ConnectionStatus status) {
                connected.incrementAndGet();
            }
        });

        // when Tether connects, with delays of 1 s doubling up to 4 s
        connection.apply(mqtt5(connections, broker, "reconnect_timeout_min", 1, "reconnect_timeout_max", 4));

        // then each connection was up (CONNECTED), and yet the delays before the next grew: 1 s, 2 s, 4 s, where a
        // connection lost for another reason would start again at the minimum each time
        ScriptedConnection fourth = broker.awaitConnection(4, Duration.ofSeconds(20));
        await().atMost(TIMEOUT).until(() -> connected.get() == 4);
        Duration first = gap(broker.connection(1), broker.connection(2));
        Duration second = gap(broker.connection(2), broker.connection(3));
        Duration third = gap(broker.connection(3), fourth);
        assertThat(first).isGreaterThanOrEqualTo(BACKOFF).isLessThan(Duration.ofMillis(1800));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofMillis(3500));
        assertThat(third).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
    }

    /** @return from the broker's DISCONNECT on one connection to the next connection */
    private static Duration gap(ScriptedConnection ended, ScriptedConnection next) {
        return Duration.ofNanos(next.acceptedAtNanos() - ended.lastSentAtNanos());
    }
}
