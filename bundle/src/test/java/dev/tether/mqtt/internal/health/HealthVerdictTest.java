package dev.tether.mqtt.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.health.HealthVerdict.Level;

class HealthVerdictTest {

    @ParameterizedTest(name = "{0}, not connected for {1} s, queue {2} full: {3}")
    @CsvSource({
        "CONNECTED, -1, 0.1, OK",
        "CONNECTED, -1, 0.8, WARN",
        "CONNECTING, 10, 0.0, WARN",
        "DISCONNECTED, 299, 0.0, WARN",
        "DISCONNECTED, 301, 0.0, CRITICAL",
        "CONFIGURATION_ERROR, 1, 0.0, CRITICAL"})
    void theLevelFollowsTheStateTheTimeAndTheQueue(ConnectionState state, int notConnectedSeconds, double fill,
            Level level) {
        Optional<Duration> down = notConnectedSeconds < 0 ? Optional.empty()
            : Optional.of(Duration.ofSeconds(notConnectedSeconds));

        HealthVerdict verdict = HealthVerdict.of(status(state), down, fill, Duration.ofSeconds(300));

        assertThat(verdict.level()).isEqualTo(level);
        assertThat(verdict.message()).contains("'plant'");
    }

    @ParameterizedTest(name = "down for {0} s")
    @CsvSource({"1", "86400"})
    void aZeroThresholdIsNeverCritical(int seconds) {
        assertThat(HealthVerdict.of(status(ConnectionState.DISCONNECTED), Optional.of(Duration.ofSeconds(seconds)), 0,
            Duration.ZERO).level()).isEqualTo(Level.WARN);
    }

    private static ConnectionStatus status(ConnectionState state) {
        return new ConnectionStatus() {
            @Override
            public String connectionName() {
                return "plant";
            }

            @Override
            public ConnectionState state() {
                return state;
            }

            @Override
            public String server() {
                return "tcp://broker:1883";
            }

            @Override
            public String clientId() {
                return "gw";
            }

            @Override
            public Optional<Instant> connectedSince() {
                return Optional.empty();
            }

            @Override
            public int reconnectAttempts() {
                return 0;
            }

            @Override
            public Optional<String> lastError() {
                return Optional.of("connection refused");
            }

            @Override
            public int subscriptionCount() {
                return 0;
            }

            @Override
            public List<SubscriptionStatus> subscriptions() {
                return List.of();
            }

            @Override
            public int queuedMessages() {
                return 0;
            }

            @Override
            public int inFlightMessages() {
                return 0;
            }

            @Override
            public Optional<Duration> oldestMessageAge() {
                return Optional.empty();
            }

            @Override
            public long droppedMessages() {
                return 0;
            }

            @Override
            public long messagesSent() {
                return 0;
            }

            @Override
            public long messagesReceived() {
                return 0;
            }
        };
    }
}
