package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.SubscriptionOptions.RetainHandling;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/**
 * MQTT 5 subscription options against Mosquitto 2.0.11: No Local, Retain As Published and Retain Handling. Each test
 * ends with a marker message: Mosquitto delivers in order, so once the marker is in, whatever the option kept away
 * would have come before it.
 */
class Mqtt5MosquittoSubscriptionOptionsTest {

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static void publish(ManagedConnection connection, String topic, String payload, boolean retain) {
        assertThat(connection.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retain)
            .toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
    }

    private static Inbox subscribe(ManagedConnection connection, String filter, SubscriptionOptions options) {
        Inbox inbox = new Inbox();
        assertThat(connection.subscribe(List.of(filter), options, inbox).acknowledged().toCompletableFuture())
            .succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        return inbox;
    }

    @Test
    void noLocalKeepsTheConnectionsOwnMessagesAwayButNotOthers() throws Exception {
        // given a connection subscribed with No Local, and another client
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection local = mosquitto.connect("nolocal-self");
        Inbox inbox = subscribe(local, "nolocal/#", SubscriptionOptions.qos(1).withNoLocal(true));
        ManagedConnection other = mosquitto.connect("nolocal-other");

        // when the connection publishes to its own filter, then the other client does
        publish(local, "nolocal/mine", "own", false);
        publish(other, "nolocal/theirs", "other's", false);

        // then only the other client's message arrives
        inbox.awaitPayload("other's");
        assertThat(inbox.payloads()).containsExactly("other's");
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnLiveDelivery() throws Exception {
        // given a subscription with Retain As Published
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("rap-sub");
        Inbox inbox = subscribe(subscriber, "rap/#", SubscriptionOptions.qos(1).withRetainAsPublished(true));
        ManagedConnection publisher = mosquitto.connect("rap-pub");

        // when a retained message is published while it is subscribed
        publish(publisher, "rap/state", "on", true);

        // then it arrives live with the retain flag as published
        assertThat(inbox.awaitPayload("on").retained()).isTrue();
    }

    @Test
    void withoutRetainAsPublishedTheFlagIsClearedOnLiveDelivery() throws Exception {
        // given a plain subscription
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection subscriber = mosquitto.connect("norap-sub");
        Inbox inbox = subscribe(subscriber, "rap/#", SubscriptionOptions.qos(1));
        ManagedConnection publisher = mosquitto.connect("norap-pub");

        // when a retained message is published while it is subscribed
        publish(publisher, "rap/state", "on", true);

        // then it arrives live without the retain flag, as MQTT 3.1.1 would deliver it
        assertThat(inbox.awaitPayload("on").retained()).isFalse();
    }

    @Test
    void doNotSendKeepsTheRetainedMessageAwayOnSubscribe() throws Exception {
        // given a retained message at the broker
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection publisher = mosquitto.connect("rh-pub");
        publish(publisher, "rh/state", "retained", true);

        // when one connection subscribes with DO_NOT_SEND and another with the default SEND_ON_SUBSCRIBE
        ManagedConnection quiet = mosquitto.connect("rh-quiet");
        Inbox quietInbox = subscribe(quiet, "rh/#", SubscriptionOptions.qos(1)
            .withRetainHandling(RetainHandling.DO_NOT_SEND));
        ManagedConnection plain = mosquitto.connect("rh-plain");
        Inbox plainInbox = subscribe(plain, "rh/#", SubscriptionOptions.qos(1));
        publish(publisher, "rh/marker", "live", false);

        // then the retained message reaches only the default subscriber; both get the live one
        quietInbox.awaitPayload("live");
        assertThat(quietInbox.payloads()).containsExactly("live");
        plainInbox.awaitPayload("live");
        assertThat(plainInbox.payloads()).containsExactly("retained", "live");
        assertThat(plainInbox.messages().get(0).retained()).isTrue();
    }

    @Test
    void sendIfNewSubscriptionSendsTheRetainedMessageOnlyTheFirstTimeInAPersistentSession() throws Exception {
        // given a retained message at the broker
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ManagedConnection publisher = mosquitto.connect("rh-pub");
        publish(publisher, "rh/state", "retained", true);
        SubscriptionOptions ifNew = SubscriptionOptions.qos(1)
            .withRetainHandling(RetainHandling.SEND_IF_NEW_SUBSCRIPTION);

        // when a connection with a persistent session subscribes with SEND_IF_NEW_SUBSCRIPTION
        ManagedConnection first = mosquitto.unconfigured("rh-first");
        Inbox firstInbox = subscribe(first, "rh/#", ifNew, mosquitto.config("rh-kept", "clean_session", false));
        publish(publisher, "rh/marker", "first-live", false);
        firstInbox.awaitPayload("first-live");
        first.close();
        // and the next connection with the same client id resumes the session and subscribes again
        ManagedConnection second = mosquitto.unconfigured("rh-second");
        Inbox secondInbox = subscribe(second, "rh/#", ifNew, mosquitto.config("rh-kept", "clean_session", false));
        publish(publisher, "rh/marker", "second-live", false);
        secondInbox.awaitPayload("second-live");

        // then the first subscription got the retained message and the resumed one did not: it was not new
        assertThat(firstInbox.payloads()).containsExactly("retained", "first-live");
        assertThat(secondInbox.payloads()).containsExactly("second-live");
        assertThat(mosquitto.logLines("Sending CONNACK to rh-kept \\(1, 0\\)"))
            .as("the second connection resumed the session").isEqualTo(1);
    }

    /** Subscribes before the connection is configured, so nothing the broker sends at once is missed. */
    private static Inbox subscribe(ManagedConnection connection, String filter, SubscriptionOptions options,
            ParsedConfiguration configuration) {
        Inbox inbox = new Inbox();
        var subscription = connection.subscribe(List.of(filter), options, inbox);
        connection.apply(configuration);
        Mqtt5Mosquitto.awaitConnected(connection);
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        return inbox;
    }
}
