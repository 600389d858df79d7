package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.config.SettingsParser;

/**
 * A message the broker drops the connection for (Moquette closes it for anything over 8,092 bytes)
 * must not block everything behind it for ever.
 */
class PoisonMessageTest {

    private final EmbeddedBroker broker = new EmbeddedBroker().start();
    private ManagedConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        broker.close();
    }

    @Test
    void aMessageTheBrokerNeverTakesIsDroppedAndTheQueueMovesOn() throws Exception {
        // given
        connection = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
            null);
        connection.apply(new SettingsParser("poison-test", "host").parseDefault(Map.of("enable", true,
            "server", broker.address(), "reconnect_timeout_min", 1, "reconnect_timeout_max", 1,
            "queue_persistence", "memory")));
        await().atMost(Duration.ofSeconds(20)).until(connection::state, ConnectionState.CONNECTED::equals);

        try (TestSubscriber witness = new TestSubscriber("tcp://" + broker.address(), "poison/#")) {
            // when a message too large for the broker is followed by an ordinary one
            CompletableFuture<Void> tooLarge = connection.publish("poison/big", new byte[20_000], 1, false)
                .toCompletableFuture();
            CompletableFuture<Void> ordinary = connection.publish("poison/small",
                "after".getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture();

            // then the large one fails after the broker dropped the connection for it ten times
            assertThat(tooLarge).failsWithin(Duration.ofSeconds(60)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(MqttServiceException.class)
                .withMessageContaining("each of the 10 times the message to poison/big (20000 bytes) was sent");
            // and the one behind it is delivered
            assertThat(ordinary).succeedsWithin(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(10)).until(() -> witness.payloads().contains("after"));
        }
    }
}
