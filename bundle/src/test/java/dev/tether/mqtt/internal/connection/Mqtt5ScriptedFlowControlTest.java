package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.publishes;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.silenceFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** The limits a broker's MQTT 5 CONNACK sets on what the client sends (MQTT 5.0, 3.2.2.3), honoured. */
class Mqtt5ScriptedFlowControlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a packet Tether was going to send to arrive. */
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    /** @return a connection to a broker that accepts with these CONNACK properties and serves it */
    private ScriptedBroker servingBroker(Properties connAck) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, connAck);
            serve(client);
        }));
    }

    private ManagedConnection connected(ScriptedBroker broker) {
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        return connection;
    }

    @Test
    void receiveMaximum2LetsTwoQos1MessagesBeInFlightAtOnce() throws Exception {
        // given a broker with Receive Maximum 2 that acknowledges nothing at first, then the first message only
        CompletableFuture<List<Packet>> beforeAnyAck = new CompletableFuture<>();
        CompletableFuture<Packet> afterFirstAck = new CompletableFuture<>();
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.builder().integer(PropertyIds.RECEIVE_MAXIMUM, 2).build());
            Publish first = client.expect(Publish.class);
            Publish second = client.expect(Publish.class);
            Packet third = silenceFor(client, QUIET);
            beforeAnyAck.complete(third == null ? List.of(first, second) : List.of(first, second, third));
            client.send(new PubAck(first.packetId()));
            Packet next = client.next();
            afterFirstAck.complete(silenceFor(client, QUIET) == null ? next : null);
            client.send(new PubAck(second.packetId()), Mqtt5Scripts.answer(next));
            serve(client);
        }));
        ManagedConnection connection = connected(broker);

        // when ten QoS 1 messages are published
        List<CompletableFuture<Void>> stages = IntStream.range(0, 10).mapToObj(i -> connection.publish("flow/" + i,
            new byte[] {(byte) i}, 1, false).toCompletableFuture()).toList();

        // then exactly two are sent before any PUBACK [MQTT-4.9.0-2], and one more, the third, after the first PUBACK
        assertThat(beforeAnyAck.get(10, TimeUnit.SECONDS)).extracting(packet -> ((Publish) packet).topic())
            .containsExactly("flow/0", "flow/1");
        assertThat(afterFirstAck.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(Publish.class,
            third -> assertThat(third.topic()).isEqualTo("flow/2"));
        // and all ten go in the end, in order
        assertThat(CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new))).succeedsWithin(TIMEOUT);
        assertThat(publishes(broker.connection(1))).extracting(Publish::topic)
            .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "flow/" + i).toList());
    }

    @Test
    void maximumQos1SendsAQos2MessageAsQos1WhichCompletesOnPuback() throws Exception {
        // given a broker that takes QoS 1 at most
        ScriptedBroker broker = servingBroker(Properties.builder().integer(PropertyIds.MAXIMUM_QOS, 1).build());
        ManagedConnection connection = connected(broker);

        // when a QoS 2 message is published
        CompletableFuture<Void> stage = connection.publish("flow/qos", new byte[] {2}, 2, false).toCompletableFuture();

        // then it goes as QoS 1 [MQTT-3.2.2-11], and the PUBACK completes it
        assertThat(stage).succeedsWithin(TIMEOUT);
        assertThat(publishes(broker.connection(1))).singleElement().extracting(Publish::qos).isEqualTo(1);
    }

    @Test
    void retainAvailable0FailsARetainedMessageAtOnceAndSendsNothing() throws Exception {
        // given a broker that keeps no retained messages
        ScriptedBroker broker = servingBroker(Properties.builder().integer(PropertyIds.RETAIN_AVAILABLE, 0).build());
        ManagedConnection connection = connected(broker);

        // when a retained message is published, then one that is not
        CompletableFuture<Void> retained = connection.publish("flow/retained", new byte[] {1}, 1, true)
            .toCompletableFuture();
        CompletableFuture<Void> plain = connection.publish("flow/plain", new byte[] {2}, 1, false)
            .toCompletableFuture();

        // then the retained one fails at once, as the broker would refuse it (0x9A Retain not supported)
        // [MQTT-3.2.2-14], and only the other reaches the broker
        assertRefused(retained, Reason.BROKER_REJECTED, 0x9A, "Retain Available 0");
        assertThat(plain).succeedsWithin(TIMEOUT);
        assertThat(publishes(broker.connection(1))).extracting(Publish::topic).containsExactly("flow/plain");
    }

    @Test
    void maximumPacketSize100FailsALargerMessageAtOnceAndSendsOneThatFits() throws Exception {
        // given a broker that takes packets of 100 bytes at most
        ScriptedBroker broker = servingBroker(Properties.builder().integer(PropertyIds.MAXIMUM_PACKET_SIZE, 100)
            .build());
        ManagedConnection connection = connected(broker);

        // when a QoS 1 message to "t" of 93 bytes is published (a packet of 1 + 1 + 2 + 1 + 2 + 1 + 93 = 101 bytes),
        // then one of 92 bytes (100 bytes)
        CompletableFuture<Void> tooLarge = connection.publish("t", new byte[93], 1, false).toCompletableFuture();
        CompletableFuture<Void> fits = connection.publish("t", new byte[92], 1, false).toCompletableFuture();

        // then the larger fails at once and is never sent [MQTT-3.2.2-15]; the other goes
        assertRefused(tooLarge, Reason.TOO_LARGE, -1, "Maximum Packet Size of 100 bytes");
        assertThat(fits).succeedsWithin(TIMEOUT);
        assertThat(publishes(broker.connection(1))).singleElement()
            .satisfies(publish -> assertThat(publish.payload()).hasSize(92));
    }

    private static void assertRefused(CompletableFuture<Void> stage, Reason reason, int code, String words)
            throws InterruptedException {
        try {
            stage.get(1, TimeUnit.SECONDS);
            throw new AssertionError("the publish succeeded");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(MqttServiceException.class, refusal -> {
                assertThat(refusal.reason()).isEqualTo(reason);
                if (code >= 0) {
                    assertThat(refusal.reasonCode()).hasValue(code);
                }
                assertThat(refusal.getMessage()).contains(words);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("the publish did not fail at once", e);
        }
    }
}
