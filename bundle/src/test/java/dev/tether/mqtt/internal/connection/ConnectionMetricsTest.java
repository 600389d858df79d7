package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics.Event;
import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.internal.jmx.ConnectionBeans;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** What a connection counts, against Moquette: traffic per QoS, latency, connects, losses and failures by cause. */
class ConnectionMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void trafficIsCountedPerQosWithThePublishLatency() throws Exception {
        // given a connection subscribed to what it publishes
        EmbeddedMoquette broker = connections.closeAfter(EmbeddedMoquette.builder().plain().start());
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        List<MqttMessage> received = new CopyOnWriteArrayList<>();
        connection.subscribe(List.of("metrics/#"), 1, received::add).acknowledged().toCompletableFuture()
            .get(15, TimeUnit.SECONDS);

        // when 5 QoS 0 messages of 10 bytes and 10 QoS 1 messages of 20 bytes are published
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(connection.publish("metrics/zero", bytes(10), 0, false).toCompletableFuture());
        }
        for (int i = 0; i < 10; i++) {
            sent.add(connection.publish("metrics/one", bytes(20), 1, false).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        await().atMost(TIMEOUT).until(() -> received.size() == 15);

        // then both ways are counted by QoS, with bytes, and the QoS 1 acknowledgements have a latency
        ConnectionMetrics metrics = connection.metrics();
        assertThat(metrics.messagesOut(0)).isEqualTo(5);
        assertThat(metrics.messagesOut(1)).isEqualTo(10);
        assertThat(metrics.bytesOut(1)).isEqualTo(200);
        assertThat(metrics.messagesIn(0)).isEqualTo(5);
        assertThat(metrics.messagesIn(1)).isEqualTo(10);
        assertThat(metrics.bytesIn(0) + metrics.bytesIn(1)).isEqualTo(250);
        assertThat(metrics.publishLatency()).hasValueSatisfying(latency -> {
            assertThat(latency.count()).isEqualTo(10);
            assertThat(latency.max()).isPositive().isLessThan(Duration.ofSeconds(15));
        });
        assertThat(metrics.connects()).isOne();
        assertThat(metrics.recentEvents()).extracting(Event::type).containsExactly("CONNECTED");
    }

    @Test
    void aLostConnectionAndTheFailedAttemptsAfterItAreCountedByCause() throws Exception {
        // given a connection to a broker that then goes away
        EmbeddedMoquette broker = connections.closeAfter(EmbeddedMoquette.builder().plain().start());
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // when the broker stops
        broker.stop();

        // then the loss is counted, and the attempts that find nothing listening count as unreachable
        await().atMost(TIMEOUT).until(() -> connection.metrics().failedAttempts().getOrDefault("unreachable", 0L)
            >= 1);
        ConnectionMetrics metrics = connection.metrics();
        assertThat(metrics.connectionLosses()).isOne();
        assertThat(metrics.recentEvents()).extracting(Event::type).startsWith("CONNECTED", "CONNECTION_LOST",
            "ATTEMPT_FAILED");
        assertThat(metrics.recentEvents().get(2).detail()).contains("connection refused");
    }

    @Test
    void jmxShowsTheConnectionUnderItsNameUntilItIsClosed() throws Exception {
        // given a connection that published a QoS 1 message, and its bean
        EmbeddedMoquette broker = connections.closeAfter(EmbeddedMoquette.builder().plain().start());
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        connection.publish("metrics/jmx", bytes(5), 1, false).toCompletableFuture().get(15, TimeUnit.SECONDS);
        AutoCloseable bean = ConnectionBeans.register(connection, new RecordingLogger().logger());

        // when JMX reads it
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.tether.mqtt:type=Connection,name=default");

        // then it has the connection's state and figures
        assertThat(server.getAttribute(name, "State")).isEqualTo("CONNECTED");
        assertThat(server.getAttribute(name, "MessagesOutQos1")).isEqualTo(1L);
        assertThat((Double) server.getAttribute(name, "PublishLatencyMaxMillis")).isPositive();
        assertThat(server.getAttribute(name, "Protocol")).isEqualTo("3.1.1");

        // and it goes with the connection
        bean.close();
        assertThat(server.isRegistered(name)).isFalse();
    }

    private static byte[] bytes(int length) {
        return "x".repeat(length).getBytes(StandardCharsets.UTF_8);
    }
}
