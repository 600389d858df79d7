package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/** 4-byte UTF-8 (U+1F321, a thermometer) in every MQTT string, end to end through Mosquitto 2.0. */
class EmojiMosquittoTest {

    private static final String THERMOMETER = "\uD83C\uDF21";
    private static final String TOPIC = "sensors/" + THERMOMETER + "/temperature";

    @TempDir
    Path work;

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void aMessageOnAnEmojiTopicFromAnEmojiClientWithEmojiCredentialsReachesASubscriber() throws Exception {
        // given Mosquitto (anonymous: it takes any user and password), a subscriber and a publisher whose
        // client ids, user names and passwords hold the emoji
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        MosquittoProcess mosquitto = connections.closeAfter(MosquittoProcess.builder(work)
            .listener("plain", Listener.plain()).start());
        String server = "127.0.0.1:" + mosquitto.port("plain");
        ManagedConnection subscriber = connections.open(null, connections.config(server, "queue_persistence",
            "memory", "client_id", "sub-" + THERMOMETER, "user", THERMOMETER + "-user", "pass", "pass-" + THERMOMETER));
        List<MqttMessage> received = new CopyOnWriteArrayList<>();
        var subscription = subscriber.subscribe(List.of("sensors/" + THERMOMETER + "/#"), 1, received::add);
        ManagedConnection publisher = connections.open(null, connections.config(server, "queue_persistence",
            "memory", "client_id", "pub-" + THERMOMETER, "user", THERMOMETER + "-user", "pass", "pass-" + THERMOMETER));
        await().atMost(Duration.ofSeconds(10)).until(publisher::state, ConnectionState.CONNECTED::equals);
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));

        // when the publisher sends a message to the emoji topic
        assertThat(publisher.publish(TOPIC, "21.5".getBytes(StandardCharsets.UTF_8), 1, false)
            .toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));

        // then the subscriber receives it on that topic, and the broker logged the clients by their emoji ids
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).topic()).isEqualTo(TOPIC);
        assertThat(received.get(0).payloadAsString()).isEqualTo("21.5");
        String log = Files.readString(mosquitto.log(), StandardCharsets.UTF_8);
        assertThat(log).contains(" as pub-" + THERMOMETER + " (", " as sub-" + THERMOMETER + " (",
            "u'" + THERMOMETER + "-user'");
    }
}
