package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.UserProperty;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** PUBLISH properties through Mosquitto 2.0.11, from Tether to Tether, to mosquitto_sub, and from mosquitto_pub. */
class Mqtt5MosquittoPropertiesTest {

    private static final String TOPIC = "props/site-7/temperature";

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** A message with every property there is, a user property name twice. */
    private static OutgoingMessage withEveryProperty(String payload) {
        return OutgoingMessage.to(TOPIC).payload(payload).qos(1)
            .userProperty("unit", "C").userProperty("tag", "a").userProperty("tag", "b")
            .contentType("application/json").payloadUtf8(true).messageExpiry(Duration.ofSeconds(120))
            .responseTopic("props/replies").correlationData("corr-\u00e9-1".getBytes(StandardCharsets.UTF_8))
            .build();
    }

    @Test
    void everyPropertyReachesATetherSubscriberOnMqtt5() throws Exception {
        // given a Tether subscriber and a Tether publisher, both on MQTT 5
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("props-sub");
        Inbox inbox = new Inbox();
        MqttSubscription subscription = subscriber.subscribe(List.of("props/#"), 1, inbox);
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        ManagedConnection publisher = mosquitto.connect("props-pub");

        // when the publisher sends a message with every property
        assertThat(publisher.publish(withEveryProperty("{\"t\":21.5}")).toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // then the subscriber gets each of them, user properties in order with the repeated name twice, and the
        // expiry less what the message spent at the broker
        MqttMessage received = inbox.awaitPayload("{\"t\":21.5}");
        MessageProperties properties = received.properties();
        assertThat(received.topic()).isEqualTo(TOPIC);
        assertThat(properties.userProperties()).containsExactly(new UserProperty("unit", "C"),
            new UserProperty("tag", "a"), new UserProperty("tag", "b"));
        assertThat(properties.contentType()).contains("application/json");
        assertThat(properties.payloadUtf8()).isTrue();
        assertThat(properties.messageExpirySeconds()).isPresent();
        assertThat(properties.messageExpirySeconds().getAsLong()).isBetween(115L, 120L);
        assertThat(properties.responseTopic()).contains("props/replies");
        assertThat(properties.correlationData()).hasValueSatisfying(data -> assertThat(
            new String(data, StandardCharsets.UTF_8)).isEqualTo("corr-\u00e9-1"));
    }

    @Test
    void everyPropertyReachesMosquittoSub() throws Exception {
        // given Mosquitto's own client subscribed on MQTT 5, and a Tether publisher
        mosquitto = Mqtt5Mosquitto.in(work).start();
        Mqtt5MosquittoSub witness = mosquitto.mosquittoSub("props/#");
        ManagedConnection publisher = mosquitto.connect("props-pub");

        // when the publisher sends a message with every property
        assertThat(publisher.publish(withEveryProperty("21.5")).toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // then mosquitto_sub prints each of them as Mosquitto forwarded it
        await().atMost(Mqtt5Mosquitto.TIMEOUT).until(() -> !witness.lines().isEmpty());
        Mqtt5MosquittoSub.Line line = witness.lines().get(0);
        assertThat(line.topic()).isEqualTo(TOPIC);
        assertThat(line.payload()).isEqualTo("21.5");
        assertThat(line.userProperties()).isEqualTo("unit:C tag:a tag:b");
        assertThat(line.contentType()).isEqualTo("application/json");
        assertThat(line.payloadFormat()).isEqualTo("1");
        assertThat(Long.parseLong(line.expiry())).isBetween(115L, 120L);
        assertThat(line.responseTopic()).isEqualTo("props/replies");
        assertThat(line.correlationData()).isEqualTo("corr-\u00e9-1");
    }

    @Test
    void aSubscriberOnMqtt311GetsTheMessageWithoutProperties() throws Exception {
        // given a Tether subscriber on MQTT 3.1.1 and a Tether publisher on MQTT 5
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("props-sub-311", "protocol_version", "3.1.1");
        assertThat(subscriber.status().protocolVersion()).contains("3.1.1");
        Inbox inbox = new Inbox();
        assertThat(subscriber.subscribe(List.of("props/#"), 1, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        ManagedConnection publisher = mosquitto.connect("props-pub");

        // when the publisher sends a message with every property
        assertThat(publisher.publish(withEveryProperty("21.5")).toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // then the 3.1.1 subscriber gets topic and payload, and no properties: 3.1.1 has no room for them
        MqttMessage received = inbox.awaitPayload("21.5");
        assertThat(received.topic()).isEqualTo(TOPIC);
        assertThat(received.properties()).isSameAs(MessageProperties.NONE);
        assertThat(received.subscriptionIdentifiers()).isEmpty();
    }

    @Test
    void propertiesPublishedByMosquittoPubReachTether() throws Exception {
        // given a Tether subscriber on MQTT 5
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("props-sub");
        Inbox inbox = new Inbox();
        assertThat(subscriber.subscribe(List.of("props/#"), 1, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // when Mosquitto's own client publishes a message with properties
        mosquitto.mosquittoPub("-t", TOPIC, "-m", "from-mosquitto_pub", "-q", "1",
            "-D", "publish", "user-property", "unit", "C", "-D", "publish", "user-property", "unit", "F",
            "-D", "publish", "content-type", "text/plain", "-D", "publish", "payload-format-indicator", "1",
            "-D", "publish", "message-expiry-interval", "300", "-D", "publish", "response-topic", "props/back",
            "-D", "publish", "correlation-data", "c-42");

        // then Tether decodes every one of them
        MessageProperties properties = inbox.awaitPayload("from-mosquitto_pub").properties();
        assertThat(properties.userProperties()).containsExactly(new UserProperty("unit", "C"),
            new UserProperty("unit", "F"));
        assertThat(properties.contentType()).contains("text/plain");
        assertThat(properties.payloadUtf8()).isTrue();
        assertThat(properties.messageExpirySeconds()).isPresent();
        assertThat(properties.messageExpirySeconds().getAsLong()).isBetween(295L, 300L);
        assertThat(properties.responseTopic()).contains("props/back");
        assertThat(properties.correlationData()).hasValueSatisfying(data -> assertThat(data)
            .isEqualTo("c-42".getBytes(StandardCharsets.UTF_8)));
    }
}
