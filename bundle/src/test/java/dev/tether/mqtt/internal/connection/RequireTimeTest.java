package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;

/** require_time: no connection attempt while the clock reads earlier than the bundle's build. */
class RequireTimeTest {

    private final EmbeddedBroker broker = new EmbeddedBroker().start();
    private final SecureConnections connections = new SecureConnections();
    private final MutableClock clock = new MutableClock(Instant.parse("1970-01-01T00:00:42Z"));

    @AfterEach
    void tearDown() {
        connections.close();
        broker.close();
    }

    @Test
    void waitsWhileTheClockIsUnsetAndConnectsOnceItIsSet() {
        // given a clock that has not been set yet
        ManagedConnection connection = connections.open(connections.config("server", broker.address(),
            "require_time", true), clock);

        // then the connection waits, says why, and never tries the broker
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.status().lastError()
            .filter(error -> error.contains("waiting for the system clock to be set")).isPresent());
        assertThat(connection.status().lastError().orElseThrow()).contains("1970-01-01T00:00:42Z");
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.status().reconnectAttempts()).isZero();
        assertThat(broker.connectedClientCount()).isZero();

        // when the clock is set
        clock.set(Instant.now());

        // then it connects within about a second
        await().atMost(Duration.ofSeconds(5)).until(connection::state, ConnectionState.CONNECTED::equals);
    }

    @Test
    void withoutRequireTimeAnUnsetClockDoesNotHoldTheConnectionBack() {
        ManagedConnection connection = connections.open(connections.config("server", broker.address()), clock);

        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
    }
}
