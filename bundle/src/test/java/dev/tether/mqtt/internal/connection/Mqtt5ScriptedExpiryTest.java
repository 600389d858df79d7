package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.publishes;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.silenceFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * MQTT 5 properties of messages that wait in Tether's queue: the Message Expiry Interval counts the time waited, as
 * a broker's does for the time it held a message [MQTT-3.3.2-6]; a message whose interval passed is not sent; and
 * the properties survive a restart in the queue file.
 */
class Mqtt5ScriptedExpiryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    @TempDir
    Path dataArea;

    private final TestConnections connections = new TestConnections();
    /** When the test published ({@link System#nanoTime()}). */
    private final AtomicLong publishedAt = new AtomicLong();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    /** @return a broker that reads the CONNECT, lets {@code held} pass after the test published, then accepts */
    private ScriptedBroker acceptingAfter(Duration held) throws Exception {
        return connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            await().atMost(TIMEOUT).until(() -> publishedAt.get() != 0);
            // the time the message waits; the client sends nothing before CONNACK meanwhile
            long left = held.toNanos() - (System.nanoTime() - publishedAt.get());
            assertThat(silenceFor(client, Duration.ofNanos(Math.max(1_000_000, left)))).isNull();
            client.send(Mqtt5Scripts.ACCEPTED);
            serve(client);
        }));
    }

    private static CompletableFuture<Void> publish(ManagedConnection connection, String topic, Duration expiry) {
        OutgoingMessage.Builder message = OutgoingMessage.to(topic).payload("waited").qos(1);
        if (expiry != null) {
            message.messageExpiry(expiry);
        }
        return connection.publish(message.build()).toCompletableFuture();
    }

    @Test
    void theMessageExpiryIntervalSentCountsTheTimeTheMessageWaited() throws Exception {
        // given a connection whose broker takes 1.2 s to accept
        ScriptedBroker broker = acceptingAfter(Duration.ofMillis(1200));
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));
        broker.awaitConnection(1, TIMEOUT);

        // when a QoS 1 message that expires after 2 s is published meanwhile
        publishedAt.set(System.nanoTime());
        CompletableFuture<Void> stage = publish(connection, "expiry/waited", Duration.ofSeconds(2));

        // then it goes once connected, with an interval of 1 s: 2 s less the whole second it waited
        assertThat(stage).succeedsWithin(TIMEOUT);
        Publish sent = publishes(broker.connection(1)).get(0);
        assertThat(sent.properties().integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL)).hasValue(1);
    }

    @Test
    void aMessageThatWaitedLongerThanItsExpiryIntervalIsNotSentAndFailsExpired() throws Exception {
        // given a connection whose broker takes 1.5 s to accept
        ScriptedBroker broker = acceptingAfter(Duration.ofMillis(1500));
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker));
        broker.awaitConnection(1, TIMEOUT);

        // when a message that expires after 1 s is published meanwhile, then one without expiry
        publishedAt.set(System.nanoTime());
        CompletableFuture<Void> expiring = publish(connection, "expiry/gone", Duration.ofSeconds(1));
        CompletableFuture<Void> lasting = publish(connection, "expiry/kept", null);

        // then the first fails as EXPIRED and never goes; the other goes
        assertThat(expiring).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class).havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, expired -> {
                assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
                assertThat(expired.getMessage()).contains("expired after waiting 1 s in the queue");
            });
        assertThat(lasting).succeedsWithin(TIMEOUT);
        assertThat(publishes(broker.connection(1))).extracting(Publish::topic).containsExactly("expiry/kept");
    }

    @Test
    void thePropertiesOfAQueuedMessageSurviveARestart() throws Exception {
        // given a broker that is unavailable (CONNACK 0x88) until the test says otherwise
        AtomicBoolean available = new AtomicBoolean();
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            client.expect(Connect.class);
            if (!available.get()) {
                client.send(new ConnAck(false, 0x88, Properties.NONE));
                return;
            }
            client.send(Mqtt5Scripts.ACCEPTED);
            serve(client);
        }));
        ParsedConfiguration configuration = mqtt5(connections, broker, "queue_persistence", "file");
        ManagedConnection first = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), dataArea);
        first.apply(configuration);
        await().atMost(TIMEOUT).until(() -> first.status().reconnectAttempts() >= 1);

        // when a message with every PUBLISH property an application sets is published, and Tether restarts
        CompletableFuture<Void> stage = first.publish(OutgoingMessage.to("restart/props").payload("{}").qos(1)
            .payloadUtf8(true).messageExpiry(Duration.ofHours(1)).contentType("application/json")
            .responseTopic("replies/gw").correlationData("req-7".getBytes(StandardCharsets.UTF_8))
            .userProperty("site", "north").userProperty("site", "south").build()).toCompletableFuture();
        first.close();
        assertThat(stage).failsWithin(TIMEOUT);
        available.set(true);
        ManagedConnection second = connections.open(dataArea, configuration);

        // then the next run sends it with the same properties, in their order; the expiry less the time waited
        await().atMost(TIMEOUT).until(() -> broker.count(Publish.class) == 1);
        await().atMost(TIMEOUT).until(() -> second.status().queuedMessages() == 0);
        assertThat(second.state()).isEqualTo(ConnectionState.CONNECTED);
        Publish sent = (Publish) broker.received().stream().filter(Publish.class::isInstance).findFirst()
            .orElseThrow();
        Properties properties = sent.properties();
        assertThat(sent.topic()).isEqualTo("restart/props");
        assertThat(properties.integer(PropertyIds.PAYLOAD_FORMAT_INDICATOR)).hasValue(1);
        assertThat(properties.integer(PropertyIds.MESSAGE_EXPIRY_INTERVAL).orElseThrow()).isBetween(3590L, 3600L);
        assertThat(properties.string(PropertyIds.CONTENT_TYPE)).hasValue("application/json");
        assertThat(properties.string(PropertyIds.RESPONSE_TOPIC)).hasValue("replies/gw");
        assertThat(properties.binary(PropertyIds.CORRELATION_DATA)).hasValueSatisfying(data -> assertThat(data)
            .isEqualTo("req-7".getBytes(StandardCharsets.UTF_8)));
        assertThat(properties.userProperties()).extracting(Properties.UserProperty::name,
            Properties.UserProperty::value).containsExactly(tuple("site", "north"), tuple("site", "south"));
    }
}
