package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/** Against Mosquitto 2.0 with its default settings, as most users run it. */
class StockMosquittoTest {

    @TempDir
    Path work;

    @Test
    void aBurstOfQos2MessagesStaysWithinTheBrokersDefaultInflightLimit() throws Exception {
        // given Mosquitto as installed (max_inflight_messages 20), a witness, and a connection
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        ManagedConnection connection = new ManagedConnection("stock", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), null);
        try (MosquittoProcess mosquitto = MosquittoProcess.builder(work).listener("plain", Listener.plain()).start();
             TestSubscriber witness = new TestSubscriber("tcp://127.0.0.1:" + mosquitto.port("plain"), "burst/#")) {
            connection.apply(new SettingsParser("stock", "host").parseDefault(Map.of("enable", true,
                "server", "127.0.0.1:" + mosquitto.port("plain"), "queue_persistence", "memory")));
            await().atMost(Duration.ofSeconds(15)).until(connection::state, ConnectionState.CONNECTED::equals);

            // when 200 QoS 2 messages are published at once
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(connection.publish("burst/x", ("m" + i).getBytes(StandardCharsets.UTF_8), 2, false)
                    .toCompletableFuture());
            }

            // then all are delivered on the first connection: Mosquitto drops a client with more than 20 in flight
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15)).until(() -> witness.payloads().size() >= 200);
            assertThat(witness.payloads()).hasSize(200).startsWith("m0", "m1").endsWith("m199");
            assertThat(connection.status().reconnectAttempts()).isZero();
            assertThat(connection.status().lastError()).isEmpty();
        } finally {
            connection.close();
        }
    }
}
