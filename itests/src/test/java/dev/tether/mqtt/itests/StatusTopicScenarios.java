package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.service.cm.Configuration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;

/**
 * A connection's {@code status_topic} against a real broker, read by an independent Paho client: the retained JSON
 * status at connect, again every {@code status_interval}, {@code {client_id}} in the topic, the refusal beside a
 * {@code will_topic}, and the offline status an orderly stop leaves. (The will after a kill -9:
 * {@code GatewayStatusTopicIT} in the gateway module.) The framework has no Health Checks bundles.
 */
public abstract class StatusTopicScenarios extends TetherTestSupport {

    /** @return {@code moquette} or {@code mosquitto} */
    protected abstract String brokerKind();

    /** @return the protocol Tether speaks with that broker ({@code protocol_version} auto) */
    protected abstract String expectedProtocol();

    /**
     * @return whether the broker sets RETAIN on a retained message it sends for a new subscription, as
     *     [MQTT-3.3.1-8] requires; Moquette 0.17 does not (the message still comes: it was kept)
     */
    protected abstract boolean flagsRetainedMessages();

    protected RemoteBroker broker() {
        return startBroker(brokerKind());
    }

    @org.ops4j.pax.exam.Configuration
    @Override
    public Option[] config() throws IOException {
        return OptionUtils.combine(super.config(), mavenBundle("com.google.code.gson", "gson").versionAsInProject());
    }

    protected Map<String, Object> connectionTo(RemoteBroker broker, String clientId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", broker.server());
        properties.put("client_id", clientId);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        properties.put("queue_persistence", "memory");
        properties.put("status_topic", "itest/{client_id}/status");
        return properties;
    }

    /** A message as the subscriber got it, with its retain flag. */
    private record Received(String topic, String payload, boolean retained, long atNanos) {
        JsonObject json() {
            return JsonParser.parseString(payload).getAsJsonObject();
        }
    }

    /** A plain Paho client, not Tether, that keeps what it receives on one topic filter with its retain flag. */
    private final class Watcher implements AutoCloseable {
        private final MqttClient client;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        Watcher(RemoteBroker broker, String filter) throws MqttException {
            client = new MqttClient(broker.uri(), TestClient.ID_PREFIX + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setConnectionTimeout(5);
            client.connect(options);
            // Moquette 0.17 drops a SUBSCRIBE it handles before the CONNACK is written: a QoS 1 round trip first
            client.publish("itest-ready/" + client.getClientId(), new byte[0], 1, false);
            client.subscribe(filter, 1, (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained(), System.nanoTime())));
            closeAfter(this);
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        Received await(String description, java.util.function.Predicate<Received> which) {
            org.awaitility.Awaitility.await(description).atMost(TIMEOUT)
                .until(() -> received.stream().anyMatch(which));
            return received.stream().filter(which).findFirst().orElseThrow();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
            client.close(true);
        }
    }

    private static long out(JsonObject status, String qos) {
        return status.getAsJsonObject("messages").getAsJsonObject("out").get(qos).getAsLong();
    }

    @Test
    public void theStatusIsRetainedAtConnectWithTheConnectionsFigures() throws Exception {
        // given a connection with status_topic itest/{client_id}/status, connected, and an interval of an hour
        RemoteBroker broker = broker();
        String clientId = uniqueClientId("status-birth");
        Map<String, Object> properties = connectionTo(broker, clientId);
        properties.put("status_interval", 3600);
        configureConnection("status-birth", properties);
        awaitState(awaitService("status-birth"), ConnectionState.CONNECTED, TIMEOUT);

        // when an independent client subscribes to the topic with the client id in it, after the connect
        Watcher watcher = new Watcher(broker, "itest/" + clientId + "/status");

        // then it gets the status the connection published at connect, retained, as JSON with the connection's figures
        Received birth = watcher.await("the retained status", message -> true);
        if (flagsRetainedMessages()) {
            assertThat(birth.retained()).as("retained").isTrue();
        }
        JsonObject status = birth.json();
        assertThat(status.get("status").getAsString()).isEqualTo("online");
        assertThat(status.get("connection").getAsString()).isEqualTo("status-birth");
        assertThat(status.get("client_id").getAsString()).isEqualTo(clientId);
        assertThat(status.get("state").getAsString()).isEqualTo("CONNECTED");
        assertThat(status.get("server").getAsString()).contains(broker.server());
        assertThat(status.get("protocol").getAsString()).isEqualTo(expectedProtocol());
        assertThat(Instant.parse(status.get("connected_since").getAsString())).isBeforeOrEqualTo(
            Instant.parse(status.get("time").getAsString()));
        assertThat(status.get("connects").getAsLong()).isEqualTo(1);
        assertThat(status.get("connection_losses").getAsLong()).isZero();
        assertThat(status.getAsJsonObject("messages").getAsJsonObject("in").keySet())
            .containsExactly("qos0", "qos1", "qos2");
        assertThat(out(status, "qos0")).isZero();
        assertThat(status.getAsJsonObject("bytes").has("out")).isTrue();
        assertThat(status.getAsJsonObject("queue").get("queued").getAsInt()).isGreaterThanOrEqualTo(0);
        assertThat(status.has("publish_latency_ms")).isTrue();
        assertThat(status.has("failed_attempts")).isTrue();
    }

    @Test
    public void theStatusIsPublishedAgainEveryStatusIntervalWithCountersThatMoved() throws Exception {
        // given an independent client subscribed to the status topic before the connection starts
        RemoteBroker broker = broker();
        String clientId = uniqueClientId("status-interval");
        Watcher watcher = new Watcher(broker, "itest/" + clientId + "/status");

        // when a connection with status_interval 1 s connects, and publishes three QoS 1 messages of 10 bytes
        Map<String, Object> properties = connectionTo(broker, clientId);
        properties.put("status_interval", 1);
        configureConnection("status-interval", properties);
        MqttService service = awaitService("status-interval");
        awaitState(service, ConnectionState.CONNECTED, TIMEOUT);
        Received birth = watcher.await("the status at connect", message -> true);
        for (int i = 0; i < 3; i++) {
            complete(service.publish("itest/status-interval/data", "0123456789", 1, false));
        }

        // then the status comes again, a second apart, each showing what was sent before it
        await("three more statuses").atMost(TIMEOUT).until(() -> watcher.received().size() >= 4);
        List<Received> statuses = watcher.received();
        JsonObject first = birth.json();
        JsonObject last = statuses.get(statuses.size() - 1).json();
        assertThat(out(first, "qos1")).as("QoS 1 messages out at connect").isZero();
        assertThat(out(last, "qos1")).as("QoS 1 out later: 3 messages and the statuses before it")
            .isGreaterThanOrEqualTo(3 + statuses.size() - 1);
        assertThat(last.getAsJsonObject("bytes").get("out").getAsLong())
            .isGreaterThan(first.getAsJsonObject("bytes").get("out").getAsLong() + 30);
        assertThat(Instant.parse(last.get("time").getAsString()))
            .isAfter(Instant.parse(first.get("time").getAsString()));
        assertThat(last.get("status").getAsString()).isEqualTo("online");
        // (a fixed rate catches up after a stall, so single gaps can be short on a busy machine: the mean is checked)
        Duration mean = Duration.ofNanos(statuses.get(statuses.size() - 1).atNanos() - birth.atNanos())
            .dividedBy(statuses.size() - 1);
        assertThat(mean).as("mean time between statuses").isBetween(Duration.ofMillis(700), Duration.ofMillis(1_500));
    }

    @Test
    public void aStatusTopicBesideAWillTopicIsRefusedNamingStatusTopic() throws Exception {
        // given a broker and a client watching every status topic
        RemoteBroker broker = broker();
        String clientId = uniqueClientId("status-will");
        Watcher watcher = new Watcher(broker, "itest/#");

        // when a connection is configured with both status_topic and will_topic
        Map<String, Object> properties = connectionTo(broker, clientId);
        properties.put("will_topic", "itest/" + clientId + "/will");
        properties.put("will_message", "gone");
        configureConnection("status-will", properties);
        MqttService service = awaitService("status-will");

        // then the configuration is refused, saying that status_topic cannot go with will_topic, and nothing is sent
        awaitState(service, ConnectionState.CONFIGURATION_ERROR, TIMEOUT);
        assertThat(service.status().lastError()).hasValueSatisfying(error -> assertThat(error)
            .contains("status_topic", "will_topic", "one will per connection"));
        assertThat(broker.connectedClients()).doesNotContain(clientId);
        assertThat(watcher.received()).isEmpty();
    }

    @Test
    public void anOrderlyStopLeavesTheTopicReadingOffline() throws Exception {
        // given a connection that published its status
        RemoteBroker broker = broker();
        String clientId = uniqueClientId("status-stop");
        Map<String, Object> properties = connectionTo(broker, clientId);
        properties.put("status_interval", 3600);
        Configuration configuration = configureConnection("status-stop", properties);
        awaitState(awaitService("status-stop"), ConnectionState.CONNECTED, TIMEOUT);
        new Watcher(broker, "itest/" + clientId + "/status").await("the status at connect",
            message -> message.payload().contains("\"online\""));

        // when its configuration is deleted: Tether disconnects cleanly, so the broker drops the will
        configuration.delete();
        await("disconnected").atMost(TIMEOUT).until(() -> !broker.connectedClients().contains(clientId));

        // then a client that subscribes afterwards reads offline, retained, not the last online status
        Watcher later = new Watcher(broker, "itest/" + clientId + "/status");
        Received retained = later.await("the retained status", message -> true);
        if (flagsRetainedMessages()) {
            assertThat(retained.retained()).as("retained").isTrue();
        }
        JsonObject status = retained.json();
        assertThat(status.get("status").getAsString()).isEqualTo("offline");
        assertThat(status.get("connection").getAsString()).isEqualTo("status-stop");
        assertThat(status.get("client_id").getAsString()).isEqualTo(clientId);
    }
}
