package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.accept;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.answer;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.mqtt5;
import static dev.tether.mqtt.internal.connection.Mqtt5Scripts.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.PingReq;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * What else a broker's MQTT 5 CONNACK sets for the session (MQTT 5.0, 3.2.2.3): its keep alive, the client id it
 * assigned, the features it has, and the basis of response topics; shown in the status and used.
 */
class Mqtt5ScriptedBrokerTermsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    /** The broker of {@link #connectedTo}. */
    private ScriptedBroker broker;

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    private ManagedConnection connectedTo(Properties connAck, Object... keyValues) throws Exception {
        broker = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, connAck);
            serve(client);
        }));
        ManagedConnection connection = connections.open(null, mqtt5(connections, broker, keyValues));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        return connection;
    }

    @Test
    void serverKeepAliveReplacesKeepAlive() throws Exception {
        // given a broker that sets a keep alive of 2 s for a client that asks for 60 s
        CompletableFuture<Duration> pingAfter = new CompletableFuture<>();
        ScriptedBroker scripted = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            Connect connect = accept(client, Properties.builder().integer(PropertyIds.SERVER_KEEP_ALIVE, 2).build());
            assertThat(connect.keepAliveSeconds()).isEqualTo(60);
            long acceptedAt = client.lastSentAtNanos();
            client.expect(PingReq.class);
            pingAfter.complete(Duration.ofNanos(System.nanoTime() - acceptedAt));
            serve(client);
        }));

        // when Tether connects with keep_alive 60 and sends nothing
        ManagedConnection connection = connections.open(null, mqtt5(connections, scripted, "keep_alive", 60));

        // then it pings after 2 s of silence, not 60 [MQTT-3.2.2-21], and the status shows the broker's keep alive
        assertThat(pingAfter.get(10, TimeUnit.SECONDS)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
        assertThat(connection.status().serverKeepAlive()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void theAssignedClientIdentifierShowsInTheStatus() throws Exception {
        // given a broker that assigns the client id
        // when Tether connects
        ManagedConnection connection = connectedTo(Properties.builder()
            .string(PropertyIds.ASSIGNED_CLIENT_IDENTIFIER, "assigned-42").build());

        // then the status shows it
        assertThat(connection.status().assignedClientId()).hasValue("assigned-42");
    }

    @ParameterizedTest(name = "Shared Subscription Available {0}")
    @CsvSource({"0, false", "1, true", ", true"})
    void sharedSubscriptionAvailableShowsInTheStatus(Integer available, boolean shown) throws Exception {
        // given a broker that says whether it has shared subscriptions; absent means it has (3.2.2.3.13)
        Properties connAck = available == null ? Properties.NONE
            : Properties.builder().integer(PropertyIds.SHARED_SUBSCRIPTION_AVAILABLE, available).build();

        // when Tether connects
        ManagedConnection connection = connectedTo(connAck);

        // then the status says so
        assertThat(connection.status().sharedSubscriptionsAvailable()).isEqualTo(Optional.of(shown));
        assertThat(connection.status().protocolVersion()).hasValue("5");
    }

    @Test
    void withSubscriptionIdentifierAvailable0TheSubscribeCarriesNone() throws Exception {
        // given a broker without Subscription Identifiers
        ManagedConnection connection = connectedTo(Properties.builder()
            .integer(PropertyIds.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0).build());

        // when a listener subscribes
        MqttSubscription subscription = connection.subscribe(List.of("terms/#"), 1, message -> { });

        // then the SUBSCRIBE has no Subscription Identifier, which that broker would take as a Protocol Error (MQTT 5.0,
        // 3.2.2.3.12), and the status shows none
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(TIMEOUT);
        Subscribe subscribe = subscribeReceived();
        assertThat(subscribe.properties().contains(PropertyIds.SUBSCRIPTION_IDENTIFIER)).isFalse();
        assertThat(connection.status().subscriptions().get(0).subscriptionIdentifier()).isEmpty();
    }

    @Test
    void aBrokerWithSubscriptionIdentifiersGetsOneInTheSubscribeAndTheStatusShowsIt() throws Exception {
        // given a broker that takes Subscription Identifiers (it says nothing: absent means available)
        ManagedConnection connection = connectedTo(Properties.NONE);

        // when a listener subscribes
        MqttSubscription subscription = connection.subscribe(List.of("terms/#"), 1, message -> { });

        // then the SUBSCRIBE carries an identifier, the one the status shows
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(TIMEOUT);
        List<Integer> sent = subscribeReceived().properties().subscriptionIdentifiers();
        assertThat(sent).hasSize(1);
        assertThat(connection.status().subscriptions().get(0).subscriptionIdentifier())
            .isEqualTo(OptionalInt.of(sent.get(0)));
    }

    @Test
    void aRequestsResponseTopicIsBelowTheBrokersResponseInformation() throws Exception {
        // given a broker that offers response topics below "resp/base" (Tether asked: Request Response Information 1)
        // and answers each request on its Response Topic, with its Correlation Data
        ScriptedBroker scripted = connections.closeAfter(ScriptedBroker.startMqtt5(client -> {
            accept(client, Properties.builder().string(PropertyIds.RESPONSE_INFORMATION, "resp/base").build());
            client.respond(packet -> {
                if (answer(packet) != null) {
                    client.send(answer(packet));
                }
                if (packet instanceof Publish request
                        && request.properties().string(PropertyIds.RESPONSE_TOPIC).isPresent()) {
                    client.send(new Publish(request.properties().string(PropertyIds.RESPONSE_TOPIC).get(),
                        "pong".getBytes(), 0, false, false, 0, Properties.builder().binary(
                            PropertyIds.CORRELATION_DATA, request.properties().binary(PropertyIds.CORRELATION_DATA)
                                .orElseThrow()).build()));
                }
            });
        }));
        ManagedConnection connection = connections.open(null, mqtt5(connections, scripted));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // when a request is sent
        CompletableFuture<MqttMessage> response = connection.request(OutgoingMessage.to("svc/ping").payload("ping")
            .qos(1).build(), TIMEOUT).toCompletableFuture();

        // then it goes with a Response Topic below the Response Information (MQTT 5.0, 4.10), and the answer there
        // completes it
        assertThat(response).succeedsWithin(TIMEOUT).extracting(MqttMessage::payloadAsString).isEqualTo("pong");
        Publish request = Mqtt5Scripts.publishes(scripted.connection(1)).get(0);
        assertThat(request.properties().string(PropertyIds.RESPONSE_TOPIC)).get().asString()
            .startsWith("resp/base/");
    }

    private Subscribe subscribeReceived() {
        return broker.connection(1).received().stream().filter(Subscribe.class::isInstance)
            .map(Subscribe.class::cast).findFirst().orElseThrow();
    }
}
