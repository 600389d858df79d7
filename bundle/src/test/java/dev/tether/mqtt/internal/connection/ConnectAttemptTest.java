package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** A connect attempt the broker refuses (CONNACK 1 to 5) or never answers (connect_timeout). */
class ConnectAttemptTest {

    private static final Duration RECONNECT_MIN = Duration.ofSeconds(1);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(3);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @ParameterizedTest(name = "CONNACK {0}: {1}")
    @CsvSource({
        "1, unacceptable protocol version, false",
        "2, identifier rejected, true",
        "3, server unavailable, false",
        "4, bad user name or password, true",
        "5, not authorized, true"})
    void aRefusalIsNamedAndRetriedAfterReconnectTimeoutMaxWhenItRefusesTheClient(int code, String meaning,
            boolean refusesTheClient) throws Exception {
        // given a broker that refuses the first attempt with the code, and accepts the next
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, client.number() == 1 ? code : 0, Properties.NONE));
        }));

        // when Tether connects, retrying after 1 s, and after 3 s at most
        ManagedConnection connection = connections.open(null, connections.config(broker,
            "reconnect_timeout_min", RECONNECT_MIN.toSeconds(), "reconnect_timeout_max", RECONNECT_MAX.toSeconds()));

        // then the refusal is named with its code
        ScriptedConnection second = broker.awaitConnection(2, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString()
            .startsWith("connect to tcp://" + broker.address() + " failed: ")
            .contains(meaning + " (CONNACK return code " + code + ")");
        // and a broker that refuses who the client is is asked again only after reconnect_timeout_max
        Duration retriedAfter = Duration.ofNanos(second.acceptedAtNanos() - broker.connection(1).lastSentAtNanos());
        if (refusesTheClient) {
            assertThat(retriedAfter).isGreaterThanOrEqualTo(RECONNECT_MAX);
        } else {
            assertThat(retriedAfter).isBetween(RECONNECT_MIN, RECONNECT_MAX.minusMillis(500));
        }
    }

    @Test
    void aBrokerThatNeverAnswersConnectFailsTheAttemptAfterConnectTimeout() throws Exception {
        // given a broker that accepts TCP and reads CONNECT, but answers only on the second connection
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            if (client.number() > 1) {
                client.send(new ConnAck(false, 0, Properties.NONE));
            }
        }));

        // when Tether connects with connect_timeout 1 s
        ManagedConnection connection = connections.open(null, connections.config(broker, "connect_timeout", 1));

        // then it gives the first attempt up after 1 s, saying why, and tries again
        ScriptedConnection first = broker.awaitConnection(1, Duration.ofSeconds(10));
        assertThat(first.ended()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(first.endedAtNanos() - first.acceptedAtNanos()))
            .isBetween(Duration.ofMillis(900), Duration.ofMillis(2000));
        broker.awaitConnection(2, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString()
            .isEqualTo("connect to tcp://" + broker.address() + " failed: no CONNACK within connect_timeout (1 s)");
    }
}
