package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.answer;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * A broker's refusals with MQTT 5 reason codes (MQTT 5.0, 2.4): in PUBACK and PUBREC they fail the message with the
 * code and the broker's words, in SUBACK the subscription; codes below 0x80 are successes.
 */
class Mqtt5ScriptedRefusalTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Properties QUOTA_WORDS = Properties.builder()
        .string(PropertyIds.REASON_STRING, "quota for today used up").build();

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final CompletableFuture<int[]> sentIds = new CompletableFuture<>();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    /** A broker that answers the first packet of the type it is sent with {@code first}, the rest as brokers do. */
    private interface FirstAnswer {
        Packet to(Packet packet);
    }

    private ScriptedBroker broker(FirstAnswer first) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            boolean[] answered = {false};
            client.respond(packet -> {
                Packet special = answered[0] ? null : first.to(packet);
                if (special != null) {
                    answered[0] = true;
                }
                Packet answer = special != null ? special : answer(packet);
                if (answer != null) {
                    client.send(answer);
                }
            });
        }));
    }

    private ManagedConnection connected(ScriptedBroker broker) {
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        return connection;
    }

    @Test
    void aPubackRefusalFailsThePublishWithTheCodeAndTheBrokersWords() throws Exception {
        // given a broker that refuses the first message: PUBACK 0x97 Quota exceeded, with a Reason String
        ScriptedBroker broker = broker(packet -> packet instanceof Publish publish
            ? new PubAck(publish.packetId(), 0x97, QUOTA_WORDS) : null);
        ManagedConnection connection = connected(broker);

        // when a QoS 1 message is published
        CompletableFuture<Void> stage = connection.publish("refused/a", new byte[] {1}, 1, false).toCompletableFuture();

        // then its stage fails with the broker's refusal, code and words
        assertThat(stage).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class).havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, refusal -> {
                assertThat(refusal.reason()).isEqualTo(Reason.BROKER_REJECTED);
                assertThat(refusal.reasonCode()).isEqualTo(OptionalInt.of(0x97));
                assertThat(refusal.getMessage()).contains("0x97 quota exceeded", "quota for today used up");
            });
        // and the connection stays up, nothing waits any more
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connection.status().queuedMessages()).isZero();
    }

    @Test
    void thePacketIdOfARefusedMessageIsFreeForLaterMessages() throws Exception {
        // given a broker that refuses the first message with PUBACK 0x97 and acknowledges the rest, noting each id
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.NONE);
            int[] ids = new int[65_536];
            int[] count = {0};
            client.respondUnrecorded(packet -> {
                if (packet instanceof Publish publish) {
                    ids[count[0]] = publish.packetId();
                    client.send(new PubAck(publish.packetId(), count[0]++ == 0 ? 0x97 : 0, Properties.NONE));
                    if (count[0] == ids.length) {
                        sentIds.complete(ids);
                    }
                }
            });
        }));
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker, "max_queue_length",
            100_000));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.publish("ids/refused", new byte[0], 1, false).toCompletableFuture())
            .failsWithin(TIMEOUT);

        // when 65,535 more messages are published, so that the ids go round once: 2 to 65,535, then 1 again
        List<CompletableFuture<Void>> stages = IntStream.range(0, 65_535).mapToObj(i -> connection.publish("ids/ok",
            new byte[0], 1, false).toCompletableFuture()).toList();

        // then all are acknowledged, and the last takes id 1 again: the refusal released it (MQTT 5.0, 4.3.2); were
        // it still taken, the last would skip to 2 [MQTT-2.3.1-2]
        assertThat(CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)))
            .succeedsWithin(Duration.ofSeconds(60));
        int[] sent = sentIds.get(10, TimeUnit.SECONDS);
        assertThat(sent[0]).isEqualTo(1);
        assertThat(sent[1]).isEqualTo(2);
        assertThat(sent[65_534]).isEqualTo(65_535);
        assertThat(sent[65_535]).isEqualTo(1);
    }

    @Test
    void pubackNoMatchingSubscribersIsASuccess() throws Exception {
        // given a broker that answers PUBACK 0x10: nobody subscribes, but it took the message
        ScriptedBroker broker = broker(packet -> packet instanceof Publish publish
            ? new PubAck(publish.packetId(), 0x10, Properties.NONE) : null);
        ManagedConnection connection = connected(broker);

        // when a QoS 1 message is published
        CompletableFuture<Void> stage = connection.publish("nobody/listens", new byte[] {1}, 1, false)
            .toCompletableFuture();

        // then it completes: codes below 0x80 are successes (MQTT 5.0, 2.4)
        assertThat(stage).succeedsWithin(TIMEOUT);
        assertThat(connection.status().messagesSent()).isEqualTo(1);
    }

    @Test
    void aPubrecRefusalFailsTheQos2PublishAndNoPubrelFollows() throws Exception {
        // given a broker that refuses the first QoS 2 message with PUBREC 0x87 Not authorized
        ScriptedBroker broker = broker(packet -> packet instanceof Publish publish
            ? new PubRec(publish.packetId(), 0x87, Properties.NONE) : null);
        ManagedConnection connection = connected(broker);

        // when a QoS 2 message is published, and after its failure a QoS 1 message
        CompletableFuture<Void> refused = connection.publish("refused/q2", new byte[] {2}, 2, false)
            .toCompletableFuture();
        assertThat(refused).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class).havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, refusal -> {
                assertThat(refusal.reason()).isEqualTo(Reason.BROKER_REJECTED);
                assertThat(refusal.reasonCode()).isEqualTo(OptionalInt.of(0x87));
            });
        assertThat(connection.publish("after/q1", new byte[] {1}, 1, false).toCompletableFuture())
            .succeedsWithin(TIMEOUT);

        // then the exchange ended with the PUBREC: no PUBREL was sent for it (MQTT 5.0, 4.3.3)
        assertThat(types(broker.connection(1).received())).isEqualTo("CONNECT, PUBLISH, PUBLISH");
        assertThat(broker.count(PubRel.class)).isZero();
    }

    @Test
    void pubcompPacketIdentifierNotFoundAfterPubrecStillCompletesThePublish() throws Exception {
        // given a broker that answers the first PUBREL with PUBCOMP 0x92: it has the message, and forgot the id
        ScriptedBroker broker = broker(packet -> packet instanceof PubRel release
            ? new PubComp(release.packetId(), 0x92, Properties.NONE) : null);
        ManagedConnection connection = connected(broker);

        // when a QoS 2 message is published
        CompletableFuture<Void> stage = connection.publish("done/q2", new byte[] {2}, 2, false).toCompletableFuture();

        // then it completes: the PUBREC said the broker has it
        assertThat(stage).succeedsWithin(TIMEOUT);
        assertThat(types(broker.connection(1).received())).isEqualTo("CONNECT, PUBLISH, PUBREL");
    }

    @Test
    void aSubackRefusalFailsTheSubscriptionShowsTheCodeAndTheConnectionComesUpAnyway() throws Exception {
        // given a broker that refuses a subscription with SUBACK 0x87 Not authorized and a Reason String
        ScriptedBroker broker = broker(packet -> packet instanceof Subscribe subscribe
            ? new SubAck(subscribe.packetId(), List.of(0x87), Properties.builder()
                .string(PropertyIds.REASON_STRING, "no access to secret/#").build()) : null);
        List<String> events = new CopyOnWriteArrayList<>();
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), null);
        connections.closeAfter(connection::close);
        connection.events(new ConnectionEvents() {
            @Override
            public void connected(ConnectionStatus status) {
                events.add("CONNECTED");
            }

            @Override
            public void subscriptionFailed(ConnectionStatus status, String filter, int code, String reason) {
                events.add("SUBSCRIPTION_FAILED " + filter + " " + code + " " + reason);
            }
        });

        // when a listener subscribes before the connection is made
        MqttSubscription subscription = connection.subscribe(List.of("secret/#"), 1, message -> { });
        connection.apply(mqtt5(connections, broker));

        // then its acknowledgement fails with the code and the words, the status and the event show the code, and
        // the connection is CONNECTED all the same: the broker answered for every subscription
        assertThat(subscription.acknowledged().toCompletableFuture()).failsWithin(TIMEOUT)
            .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(MqttServiceException.class)
            .withMessageContaining("0x87 not authorized").withMessageContaining("no access to secret/#");
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().subscriptions().get(0).refusalCode()).isEqualTo(OptionalInt.of(0x87));
        await().atMost(TIMEOUT).until(() -> events.contains("CONNECTED"));
        assertThat(events).containsExactly("SUBSCRIPTION_FAILED secret/# 135 0x87 not authorized: no access to"
            + " secret/#", "CONNECTED");
    }
}
