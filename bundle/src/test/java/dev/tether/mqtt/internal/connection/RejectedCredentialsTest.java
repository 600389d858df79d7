package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** A broker that refuses the client's credentials is retried at the longest interval, not hammered. */
class RejectedCredentialsTest {

    /** Refuses every client but one user; the connection sends no user name at all. */
    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().onlyUser("someone", "else").build();
    private final TestConnections connections = new TestConnections();

    @BeforeEach
    void startBroker() throws IOException {
        broker.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
        broker.close();
    }

    @Test
    void rejectedCredentialsAreRetriedAtTheMaximumInterval() {
        // given reconnects from 1 s to 3 s
        long start = System.nanoTime();
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "reconnect_timeout_max", 3, "queue_persistence", "memory"));

        // when the broker refuses the client three times
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().reconnectAttempts() >= 3);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // then attempts came 3 s apart (at 0, 3 and 6 s), not after 1 and 2 s (at 0, 1 and 3 s)
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(5800));
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.status().lastError()).hasValueSatisfying(error -> assertThat(error)
            .contains("the broker refused the client: bad user name or password (CONNACK return code 4); check user, pass and"
                + " client_id"));
    }
}
