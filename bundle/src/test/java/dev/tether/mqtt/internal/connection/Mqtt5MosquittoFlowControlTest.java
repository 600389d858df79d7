package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** The broker's limits from its CONNACK, honoured: Mosquitto 2.0.11's Maximum Packet Size and Receive Maximum. */
class Mqtt5MosquittoFlowControlTest {

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static byte[] bytes(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1})
    void aMessageLargerThanTheMaximumPacketSizeFailsAtOnceAndIsNeverSent(int qos) throws Exception {
        // given Mosquitto with max_packet_size 2048 (its CONNACK says Maximum Packet Size 2048), and a subscriber
        mosquitto = Mqtt5Mosquitto.in(work).option("max_packet_size", "2048").start();
        ManagedConnection subscriber = mosquitto.connect("flow-sub");
        Inbox inbox = new Inbox();
        assertThat(subscriber.subscribe(List.of("flow/#"), 1, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        ManagedConnection publisher = mosquitto.connect("flow-pub");
        Instant connectedSince = publisher.status().connectedSince().orElseThrow();

        // when the publisher sends 4 KiB, then 1 KiB
        CompletableFuture<Void> big = publisher.publish("flow/big", bytes(4096), qos, false).toCompletableFuture();
        CompletableFuture<Void> small = publisher.publish("flow/small", bytes(1024), qos, false).toCompletableFuture();

        // then the large one fails at once as too large, and the small one goes
        assertThat(big).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                assertThat(e.getMessage()).contains("2048");
            });
        assertThat(small).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        assertThat(inbox.awaitFirst(message -> message.topic().equals("flow/small")).payload()).hasSize(1024);
        // and the large one never went on the wire: the subscriber did not get it, Mosquitto never received it and
        // never disconnected the publisher for it
        assertThat(inbox.messages()).extracting(message -> message.topic()).containsExactly("flow/small");
        assertThat(mosquitto.logLines("Received PUBLISH from flow-pub .*'flow/big'")).isZero();
        assertThat(mosquitto.logLines("Received PUBLISH from flow-pub .*'flow/small'")).isEqualTo(1);
        assertThat(mosquitto.logLines("flow-pub (disconnected|closed its connection)")).isZero();
        assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs("flow-pub"))).isEqualTo(1);
        assertThat(publisher.status().connectedSince()).contains(connectedSince);
    }

    @Test
    void aBurstStaysWithinTheBrokersReceiveMaximum() throws Exception {
        // given Mosquitto with max_inflight_messages 3 (its CONNACK says Receive Maximum 3), a subscriber, and a
        // publisher whose disconnections are counted
        mosquitto = Mqtt5Mosquitto.in(work).option("max_inflight_messages", "3").start();
        ManagedConnection subscriber = mosquitto.connect("burst-sub");
        Inbox inbox = new Inbox();
        assertThat(subscriber.subscribe(List.of("burst/#"), 1, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        ManagedConnection publisher = mosquitto.connect("burst-pub");
        AtomicInteger disconnections = new AtomicInteger();
        publisher.addConnectionListener(new ConnectionListener() {
            @Override
            public void disconnected(ConnectionStatus status, Throwable cause) {
                disconnections.incrementAndGet();
            }
        });
        // sampling the messages in flight as fast as it can while the burst goes
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicLong samples = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sending.get()) {
                mostInFlight.accumulateAndGet(publisher.status().inFlightMessages(), Math::max);
                samples.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
        }, "in-flight-sampler");
        sampler.start();

        // when 200 QoS 1 messages are published at once
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(publisher.publish("burst/x", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false)
                .toCompletableFuture());
        }
        try {
            assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
                .succeedsWithin(Duration.ofSeconds(30));
        } finally {
            sending.set(false);
            sampler.join();
        }

        // then all arrive, in order, on the one connection, and never more than 3 were in flight
        inbox.awaitCount(200);
        assertThat(inbox.payloads()).hasSize(200).startsWith("m0", "m1").endsWith("m199");
        assertThat(mostInFlight.get()).as("most messages in flight in %d samples", samples.get())
            .isBetween(1, 3);
        assertThat(disconnections.get()).isZero();
        assertThat(publisher.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs("burst-pub"))).isEqualTo(1);
    }
}
