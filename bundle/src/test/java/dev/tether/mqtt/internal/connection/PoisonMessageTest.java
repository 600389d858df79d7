package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/**
 * A message the broker drops the connection for (Moquette closes it for anything over 8,092 bytes)
 * must not block everything behind it for ever.
 */
class PoisonMessageTest {

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
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
    void aMessageTheBrokerNeverTakesIsDroppedAndTheQueueMovesOn() throws Exception {
        // given
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "queue_persistence", "memory"));
        await().atMost(Duration.ofSeconds(20)).until(connection::state, ConnectionState.CONNECTED::equals);

        try (TestSubscriber witness = new TestSubscriber("tcp://" + broker.plainAddress(), "poison/#")) {
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
