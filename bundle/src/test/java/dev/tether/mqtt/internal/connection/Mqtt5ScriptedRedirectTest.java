package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ReasonCodes;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * A broker that sends the client elsewhere (MQTT 5.0, 4.11): Use another server (0x9C) for the next connection,
 * Server moved (0x9D) for good, in a CONNACK or a DISCONNECT; and never for ever.
 */
class Mqtt5ScriptedRedirectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration AT_ONCE = Duration.ofMillis(700);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final RecordingLogger logger = new RecordingLogger();
    /** Where broker A sends the client. */
    private final AtomicReference<String> elsewhere = new AtomicReference<>();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    private static Properties reference(String to) {
        return Properties.builder().string(PropertyIds.SERVER_REFERENCE, to).build();
    }

    /** @return a broker that accepts every connection and serves it */
    private ScriptedBroker serving() throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            serve(client);
        }));
    }

    /** @return broker A: refuses the first {@code times} CONNECTs with the code and {@link #elsewhere}, then serves */
    private ScriptedBroker redirecting(int code, int times) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            if (client.number() <= times) {
                client.send(new ConnAck(false, code, reference(elsewhere.get())));
                return;
            }
            client.send(Mqtt5Scripts.ACCEPTED);
            serve(client);
        }));
    }

    @Test
    void useAnotherServerInTheConnAckSendsTheNextAttemptThereUntilThatConnectionEnds() throws Exception {
        // given broker A that sends the client to broker B once (0x9C), and broker B that drops it when told
        CountDownLatch drop = new CountDownLatch(1);
        ScriptedBroker b = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            assertThat(drop.await(10, TimeUnit.SECONDS)).isTrue();
            client.close();
        }));
        elsewhere.set("127.0.0.1:" + b.port());
        ScriptedBroker a = redirecting(0x9C, 1);

        // when Tether connects to A
        ManagedConnection connection = connections.open(null, mqtt5(connections, a));

        // then the next attempt goes to B at once, and the connection is up there
        ScriptedConnection atB = b.awaitConnection(1, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(Duration.ofNanos(atB.acceptedAtNanos() - a.connection(1).lastSentAtNanos())).isLessThan(AT_ONCE);
        assertThat(connection.status().server()).isEqualTo("tcp://" + b.address());
        // and once B drops it, the next attempt goes back to A, the configured server
        drop.countDown();
        a.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().server()).isEqualTo("tcp://" + a.address());
        assertThat(b.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void serverMovedInTheConnAckIsUsedForLaterConnectionsUntilARestart() throws Exception {
        // given broker A that says it moved to B (0x9D), and broker B that drops the first connection
        ScriptedBroker b = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            if (client.number() == 1) {
                client.close();
                return;
            }
            serve(client);
        }));
        elsewhere.set("127.0.0.1:" + b.port());
        ScriptedBroker a = redirecting(0x9D, Integer.MAX_VALUE);
        ParsedConfiguration configuration = mqtt5(connections, a);

        // when Tether connects to A, is sent to B, and loses that connection
        ManagedConnection connection = new ManagedConnection("default", logger.logger(),
            ClockCheck.system(Instant.EPOCH), null);
        connection.apply(configuration);

        // then the next connection goes to B again, not to A
        b.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().server()).isEqualTo("tcp://" + b.address());
        assertThat(a.connectionsAccepted()).isEqualTo(1);
        // and a restart (a new connection with the same configuration) starts at A again
        connection.close();
        ManagedConnection restarted = connections.open(null, configuration);
        a.awaitConnection(2, TIMEOUT);
        b.awaitConnection(3, TIMEOUT);
        await().atMost(TIMEOUT).until(restarted::state, ConnectionState.CONNECTED::equals);
    }

    @Test
    void serverMovedInADisconnectIsUsedForLaterConnections() throws Exception {
        // given broker A that accepts, then says in a DISCONNECT that it moved to B (0x9D)
        ScriptedBroker b = serving();
        ScriptedBroker a = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            client.send(new Disconnect(0x9D, reference("127.0.0.1:" + b.port())));
        }));

        // when Tether connects to A
        ManagedConnection connection = connections.open(null, mqtt5(connections, a));

        // then it goes to B at once, and stays there
        ScriptedConnection atB = b.awaitConnection(1, TIMEOUT);
        assertThat(Duration.ofNanos(atB.acceptedAtNanos() - a.connection(1).lastSentAtNanos())).isLessThan(AT_ONCE);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().server()).isEqualTo("tcp://" + b.address());
        connection.reconnect();
        b.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(a.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void twoBrokersRedirectingToEachOtherAreFollowedFiveTimesThenTheConfiguredServerIsTriedAfterTheBackoff()
            throws Exception {
        // given broker B that always sends the client to A, and broker A that sends it to B three times, then
        // accepts
        ScriptedBroker a = redirecting(0x9C, 3);
        ScriptedBroker b = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0x9C, reference(a.address())));
        }));
        elsewhere.set(b.address());

        // when Tether connects to A
        ManagedConnection connection = connections.open(null, mqtt5(connections, a), logger);

        // then it follows A, B, A, B, A at once (five redirects), does not follow B's third, and tries A after the
        // backoff
        ScriptedConnection fourthAtA = a.awaitConnection(4, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(b.connectionsAccepted()).isEqualTo(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(Duration.ofNanos(b.connection(i).acceptedAtNanos() - a.connection(i).lastSentAtNanos()))
                .isLessThan(AT_ONCE);
        }
        assertThat(Duration.ofNanos(fourthAtA.acceptedAtNanos() - b.connection(3).lastSentAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
        assertThat(connection.status().server()).isEqualTo("tcp://" + a.address());
        assertThat(logger.lines()).anySatisfy(line -> assertThat(line).startsWith("warn ")
            .contains("redirects in a row without a connection; not followed"));
    }

    @ParameterizedTest(name = "0x{0}: {1}")
    @CsvSource({"9C, 127.0.0.1:70000", "9D, 127.0.0.1:70000", "9C, 127.0.0.1:0", "9D, 127.0.0.1:0"})
    void aReferenceToAPortThatCannotExistIsNotFollowed(String code, String to) throws Exception {
        // given broker A that sends the client, once, to a port no socket can connect to
        elsewhere.set(to);
        ScriptedBroker a = redirecting(Integer.parseInt(code, 16), 1);

        // when Tether connects to A
        ManagedConnection connection = connections.open(null, mqtt5(connections, a), logger);

        // then it does not take that address, which for Server moved would replace the configured server for good:
        // it says why, and tries A again after the backoff
        ScriptedConnection second = a.awaitConnection(2, TIMEOUT);
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - a.connection(1).lastSentAtNanos()))
            .isGreaterThanOrEqualTo(BACKOFF);
        assertThat(connection.status().lastError()).hasValue("connect to tcp://" + a.address() + " failed: the broker"
            + " refused the connection: " + ReasonCodes.name(Integer.parseInt(code, 16)) + " (CONNACK reason code 0x"
            + code + ")");
        assertThat(logger.lines()).anySatisfy(line -> assertThat(line).contains("which names no server; ignored"));
    }
}
