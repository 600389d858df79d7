package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.connection.Mqtt5Mosquitto.Inbox;

/**
 * MQTT 5 sessions with Mosquitto 2.0.11, from {@code clean_session} and {@code session_expiry_interval}: what the
 * broker keeps for Tether while it is away. Each later connection subscribes its listener before it connects, so
 * that nothing the broker sends at once is missed.
 */
class Mqtt5MosquittoSessionTest {

    private static final String CLIENT_ID = "session-keeper";

    @TempDir
    Path work;

    private Mqtt5Mosquitto mosquitto;

    @AfterEach
    void tearDown() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** @return a connection with the listener subscribed to {@code kept/#} at QoS 1, once the broker acknowledged */
    private ManagedConnection connectSubscribed(String name, Inbox inbox, ParsedConfiguration configuration) {
        ManagedConnection connection = mosquitto.unconfigured(name);
        MqttSubscription subscription = connection.subscribe(List.of("kept/#"), 1, inbox);
        connection.apply(configuration);
        Mqtt5Mosquitto.awaitConnected(connection);
        assertThat(subscription.acknowledged().toCompletableFuture()).succeedsWithin(Mqtt5Mosquitto.TIMEOUT);
        return connection;
    }

    private void publishWhileAway(String... payloads) throws Exception {
        for (String payload : payloads) {
            mosquitto.mosquittoPub("-t", "kept/news", "-m", payload, "-q", "1");
        }
    }

    @Test
    void aSessionWithoutExpiryKeepsTheMessagesPublishedWhileTetherWasAway() throws Exception {
        // given a connection with clean_session=false and session_expiry_interval=0 (MQTT 5: never expires),
        // subscribed at QoS 1, that went away with a DISCONNECT
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ParsedConfiguration kept = mosquitto.config(CLIENT_ID, "clean_session", false, "session_expiry_interval", 0);
        connectSubscribed("first", new Inbox(), kept).close();

        // when another client publishes while it is away, and a new connection with the same client id comes
        publishWhileAway("away-1", "away-2", "away-3");
        Inbox inbox = new Inbox();
        connectSubscribed("second", inbox, kept);

        // then the broker resumed the session and delivered what it kept, in order
        inbox.awaitCount(3);
        assertThat(inbox.payloads()).containsExactly("away-1", "away-2", "away-3");
        assertThat(mosquitto.logLines("Sending CONNACK to " + CLIENT_ID + " \\(1, 0\\)"))
            .as("CONNACKs with session present").isEqualTo(1);
        assertThat(mosquitto.logLines("Expiring client " + CLIENT_ID)).isZero();
    }

    @Test
    void aSessionWithAnExpiryIsGoneOnceItExpired() throws Exception {
        // given a connection with clean_session=false and session_expiry_interval=2, subscribed at QoS 1, that went
        // away with a DISCONNECT
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ParsedConfiguration expiring = mosquitto.config(CLIENT_ID, "clean_session", false,
            "session_expiry_interval", 2);
        connectSubscribed("first", new Inbox(), expiring).close();

        // when the broker expired the session (it logs so, about 2 s later), another client published, and a new
        // connection with the same client id comes
        await().atMost(Duration.ofSeconds(6))
            .until(() -> mosquitto.logLines("Expiring client " + CLIENT_ID + " due to timeout") == 1);
        publishWhileAway("lost-1", "lost-2");
        Inbox inbox = new Inbox();
        connectSubscribed("second", inbox, expiring);
        mosquitto.mosquittoPub("-t", "kept/news", "-m", "after", "-q", "1");

        // then it starts a new session: what was published while it was away is not there, only what came after
        inbox.awaitPayload("after");
        assertThat(inbox.payloads()).containsExactly("after");
        assertThat(mosquitto.logLines("Sending CONNACK to " + CLIENT_ID + " \\(1, 0\\)"))
            .as("CONNACKs with session present").isZero();
    }

    @Test
    void aSessionWithAnExpiryIsResumedWithinIt() throws Exception {
        // given a connection with clean_session=false and session_expiry_interval=30, subscribed, that went away
        mosquitto = Mqtt5Mosquitto.in(work).start();
        ParsedConfiguration expiring = mosquitto.config(CLIENT_ID, "clean_session", false,
            "session_expiry_interval", 30);
        connectSubscribed("first", new Inbox(), expiring).close();

        // when another client publishes, and a new connection with the same client id comes within the expiry
        publishWhileAway("kept-1");
        Inbox inbox = new Inbox();
        connectSubscribed("second", inbox, expiring);

        // then it resumed the session and got the message: the expiry is what decided above, not clean_session
        assertThat(inbox.awaitPayload("kept-1")).isNotNull();
        assertThat(mosquitto.logLines("Sending CONNACK to " + CLIENT_ID + " \\(1, 0\\)")).isEqualTo(1);
    }
}
