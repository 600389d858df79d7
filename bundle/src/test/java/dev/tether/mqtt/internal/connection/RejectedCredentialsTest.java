package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.SettingsParser;

/** A broker that refuses the client's credentials is retried at the longest interval, not hammered. */
class RejectedCredentialsTest {

    private final EmbeddedBroker broker = new EmbeddedBroker(false).start();
    private ManagedConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        broker.close();
    }

    @Test
    void rejectedCredentialsAreRetriedAtTheMaximumInterval() {
        // given reconnects from 1 s to 3 s
        connection = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
            null);
        long start = System.nanoTime();
        connection.apply(new SettingsParser("auth-test", "host").parseDefault(Map.of("enable", true,
            "server", broker.address(), "reconnect_timeout_min", 1, "reconnect_timeout_max", 3,
            "queue_persistence", "memory")));

        // when the broker refuses the client three times
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.status().reconnectAttempts() >= 3);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // then attempts came 3 s apart (at 0, 3 and 6 s), not after 1 and 2 s (at 0, 1 and 3 s)
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(5800));
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.status().lastError()).hasValueSatisfying(error -> assertThat(error)
            .contains("the broker refused the client (Bad user name or password); check user, pass and client_id"));
    }
}
