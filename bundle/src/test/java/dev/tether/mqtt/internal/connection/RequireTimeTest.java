package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** require_time: no connection attempt while the clock reads earlier than the bundle's build. */
class RequireTimeTest {

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    private final SecureConnections connections = new SecureConnections();
    private final MutableClock clock = new MutableClock(Instant.parse("1970-01-01T00:00:42Z"));

    @BeforeEach
    void startBroker() throws IOException {
        broker.start();
    }

    @AfterEach
    void tearDown() {
        connections.close();
        broker.close();
    }

    @Test
    void waitsWhileTheClockIsUnsetAndConnectsOnceItIsSet() {
        // given a clock that has not been set yet
        ManagedConnection connection = connections.open(connections.config("server", broker.plainAddress(),
            "require_time", true), clock);

        // then the connection waits, says why, and never tries the broker
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.status().lastError()
            .filter(error -> error.contains("waiting for the system clock to be set")).isPresent());
        assertThat(connection.status().lastError().orElseThrow()).contains("1970-01-01T00:00:42Z");
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.status().reconnectAttempts()).isZero();
        assertThat(broker.connectedClients()).isEmpty();

        // when the clock is set
        clock.set(Instant.now());

        // then it connects within about a second
        await().atMost(Duration.ofSeconds(5)).until(connection::state, ConnectionState.CONNECTED::equals);
    }

    @Test
    void withoutRequireTimeAnUnsetClockDoesNotHoldTheConnectionBack() {
        ManagedConnection connection = connections.open(connections.config("server", broker.plainAddress()), clock);

        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
    }
}
