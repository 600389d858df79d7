package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;
import dev.tether.mqtt.testing.FaultProxy;

/**
 * MQTT 5 will properties with Mosquitto 2.0.11. Tether connects through a FaultProxy, whose reset is a connection
 * lost without DISCONNECT, so the broker has a will to publish.
 */
class Mqtt5MosquittoWillTest {

    private static final String CLIENT_ID = "will-gw";
    private static final String WILL_TOPIC = "wills/" + CLIENT_ID;

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;
    private FaultProxy proxy;
    /** When each will arrived at the witness, by payload. */
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Inbox wills = new Inbox();

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** A broker, a proxy in front of it, and a Tether witness subscribed to the wills. */
    private void given() throws Exception {
        mosquitto = Mqtt5Mosquitto.in(work).start();
        proxy = mosquitto.closeAfter(FaultProxy.start(mosquitto.port()));
        ManagedConnection witness = mosquitto.connect("will-witness");
        assertThat(witness.subscribe(List.of("wills/#"), 1, message -> {
            arrivals.putIfAbsent(message.payloadAsString(), System.nanoTime());
            wills.messageArrived(message);
        }).acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
    }

    /** @return a connection with a will through the proxy, connected */
    private ManagedConnection connectWithWill(Object... keyValues) {
        Object[] will = {"will_topic", WILL_TOPIC, "will_message", "gone"};
        Object[] all = new Object[will.length + keyValues.length];
        System.arraycopy(will, 0, all, 0, will.length);
        System.arraycopy(keyValues, 0, all, will.length, keyValues.length);
        ManagedConnection connection = mosquitto.unconfigured(CLIENT_ID);
        connection.apply(mosquitto.configFor("127.0.0.1:" + proxy.port(), CLIENT_ID, all));
        Mqtt5Mosquitto.awaitConnected(connection);
        return connection;
    }

    @Test
    void theWillComesAfterTheDelayNotAtOnce() throws Exception {
        // given a connection with will_delay_interval=3 and a session that outlives it
        given();
        connectWithWill("will_delay_interval", 3, "clean_session", false, "session_expiry_interval", 60);

        // when the connection is lost without DISCONNECT, and Tether cannot come back
        proxy.refuse(true);
        long lost = System.nanoTime();
        proxy.dropConnections();

        // then the will arrives about 3 s later (Mosquitto checks will delays once a second), not at once
        await().atMost(Duration.ofSeconds(8)).until(() -> arrivals.containsKey("gone"));
        Duration after = Duration.ofNanos(arrivals.get("gone") - lost);
        assertThat(after).isBetween(Duration.ofMillis(2500), Duration.ofMillis(5500));
        assertThat(wills.payloads()).containsExactly("gone");
    }

    @Test
    void noWillWhenTetherReconnectsWithinTheDelay() throws Exception {
        // given a connection with will_delay_interval=3 and a session that outlives it
        given();
        ManagedConnection connection = connectWithWill("will_delay_interval", 3, "clean_session", false,
            "session_expiry_interval", 60);
        Instant firstSession = connection.status().connectedSince().orElseThrow();

        // when the connection is lost without DISCONNECT, and Tether reconnects after its 1 s backoff
        proxy.dropConnections();
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.status().connectedSince()
            .filter(since -> since.isAfter(firstSession)).isPresent());

        // then no will is published: not within the delay, nor long after it
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(wills.messages()::isEmpty);
        assertThat(mosquitto.logLines("Sending CONNACK to " + CLIENT_ID + " \\(1, 0\\)"))
            .as("the reconnect resumed the session").isEqualTo(1);
    }

    @Test
    void theWillsContentTypeAndExpiryReachItsSubscribers() throws Exception {
        // given mosquitto_sub on the wills too, and a connection whose will has a content type and an expiry
        given();
        Mqtt5MosquittoSub witness = mosquitto.mosquittoSub("wills/#");
        connectWithWill("will_content_type", "text/plain", "will_message_expiry_interval", 60);

        // when the connection is lost without DISCONNECT
        proxy.refuse(true);
        proxy.dropConnections();

        // then both subscribers get the will with its content type and what is left of its expiry
        MqttMessage will = wills.awaitPayload("gone");
        MessageProperties properties = will.properties();
        assertThat(will.topic()).isEqualTo(WILL_TOPIC);
        assertThat(properties.contentType()).contains("text/plain");
        assertThat(properties.messageExpirySeconds()).isPresent();
        assertThat(properties.messageExpirySeconds().getAsLong()).isBetween(55L, 60L);
        await().atMost(Mqtt5Mosquitto.TIMEOUT).until(() -> !witness.lines().isEmpty());
        Mqtt5MosquittoSub.Line line = witness.lines().get(0);
        assertThat(line.topic()).isEqualTo(WILL_TOPIC);
        assertThat(line.payload()).isEqualTo("gone");
        assertThat(line.contentType()).isEqualTo("text/plain");
        assertThat(Long.parseLong(line.expiry())).isBetween(55L, 60L);
    }
}
