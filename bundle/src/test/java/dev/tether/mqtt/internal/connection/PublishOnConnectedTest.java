package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** Whoever sees a connection CONNECTED may publish at once: QoS 0 is not queued, so it needs the live connection. */
class PublishOnConnectedTest {

    private static final int RECONNECTS = 30;
    private static final int BURST = 200;

    @Test
    void aQos0PublishRightAfterConnectedIsSent() throws Exception {
        try (EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().start();
             TestConnections connections = new TestConnections()) {
            ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
                "queue_persistence", "memory"));
            AtomicInteger losses = new AtomicInteger();
            connection.addConnectionListener(new ConnectionListener() {
                @Override
                public void disconnected(ConnectionStatus status, Throwable cause) {
                    losses.incrementAndGet();
                }
            });
            List<String> failures = new ArrayList<>();
            for (int round = 0; round < RECONNECTS; round++) {
                // given a connection that just became CONNECTED, seen as soon as it did
                awaitConnectedSpinning(connection);

                // when QoS 0 messages are published from that very moment on, as fast as the caller can
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    sent.add(connection.publish("on/connected", ("m" + round + "-" + i)
                        .getBytes(StandardCharsets.UTF_8), 0, false).toCompletableFuture());
                }

                // then each is written, none refused as sent while not connected
                for (CompletableFuture<Void> message : sent) {
                    try {
                        message.get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        failures.add("round " + round + ": " + e.getMessage());
                    }
                }
                int lost = losses.get();
                connection.reconnect();
                await().atMost(Duration.ofSeconds(15)).until(() -> losses.get() > lost);
            }
            assertThat(failures).isEmpty();
        }
    }

    /** Polls without pause, so the publish follows the state change as closely as a caller's can. */
    private static void awaitConnectedSpinning(ManagedConnection connection) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (connection.state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not CONNECTED within 15 s: " + connection.status().lastError());
            }
            Thread.onSpinWait();
        }
    }
}
