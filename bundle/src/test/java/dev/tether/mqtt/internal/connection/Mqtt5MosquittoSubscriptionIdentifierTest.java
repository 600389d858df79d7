package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/** Subscription Identifiers with Mosquitto 2.0.11: what the status shows is what the messages carry. */
class Mqtt5MosquittoSubscriptionIdentifierTest {

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static int identifierOf(ManagedConnection connection, String filter) {
        OptionalInt identifier = connection.status().subscriptions().stream()
            .filter(status -> status.topicFilter().equals(filter)).findFirst()
            .map(SubscriptionStatus::subscriptionIdentifier).orElse(OptionalInt.empty());
        assertThat(identifier).as("the identifier of %s in %s", filter, connection.status().subscriptions())
            .isPresent();
        return identifier.getAsInt();
    }

    @Test
    void aMessageCarriesTheIdentifierTheStatusShowsForItsFilter() throws Exception {
        // given a subscription on MQTT 5, whose identifier the status shows
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("ids-sub");
        Inbox inbox = new Inbox();
        assertThat(subscriber.subscribe(List.of("ids/#"), 1, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        int identifier = identifierOf(subscriber, "ids/#");

        // when another client publishes to a matching topic
        mosquitto.mosquittoPub("-t", "ids/room", "-m", "one", "-q", "1");

        // then the message carries that identifier, and only it
        assertThat(inbox.awaitPayload("one").subscriptionIdentifiers()).containsExactly(identifier);
    }

    @Test
    void overlappingFiltersGiveTheirOwnIdentifiers() throws Exception {
        // given one connection with two listeners on overlapping filters, each with its own identifier
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("ids-sub");
        Inbox everything = new Inbox();
        Inbox temperatures = new Inbox();
        assertThat(subscriber.subscribe(List.of("ids/#"), 1, everything).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        assertThat(subscriber.subscribe(List.of("ids/+/temperature"), 1, temperatures).acknowledged()
            .toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        int all = identifierOf(subscriber, "ids/#");
        int temperature = identifierOf(subscriber, "ids/+/temperature");
        assertThat(all).isNotEqualTo(temperature);
        ManagedConnection publisher = mosquitto.connect("ids-pub");

        // when a message matches both filters, then one matches only the wider one
        assertThat(publisher.publish("ids/room/temperature", "both".getBytes(StandardCharsets.UTF_8), 1, false)
            .toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        assertThat(publisher.publish("ids/room/humidity", "wide".getBytes(StandardCharsets.UTF_8), 1, false)
            .toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);

        // then each listener gets the shared message once, carrying its own filter's identifier, and the other
        // message reaches the wider filter's listener alone, with that identifier only
        everything.awaitPayload("wide");
        temperatures.awaitPayload("both");
        assertThat(everything.messages()).extracting(MqttMessage::payloadAsString).containsExactly("both", "wide");
        assertThat(everything.messages()).allSatisfy(message ->
            assertThat(message.subscriptionIdentifiers()).contains(all));
        assertThat(everything.messages().get(1).subscriptionIdentifiers()).containsExactly(all);
        assertThat(temperatures.messages()).extracting(MqttMessage::payloadAsString).containsExactly("both");
        assertThat(temperatures.messages().get(0).subscriptionIdentifiers()).contains(temperature);
    }
}
