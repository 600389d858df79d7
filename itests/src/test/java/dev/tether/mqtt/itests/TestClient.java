package dev.tether.mqtt.itests;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain Paho client, independent of Tether, to publish and receive on a broker. Its client id
 * starts with {@value #ID_PREFIX} so its threads can be told apart from Tether's.
 */
public final class TestClient implements AutoCloseable {

    /** Prefix of every test client's id. */
    public static final String ID_PREFIX = "itest-";

    private final MqttClient client;
    private final List<String[]> received = new CopyOnWriteArrayList<>();

    TestClient(String uri) throws MqttException {
        client = new MqttClient(uri, ID_PREFIX + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        // Paho counts a publish as in flight until its callback thread has run, a moment after the synchronous
        // publish returned: a loop of publishes can pass its default limit of 10 ("Too many publishes in progress")
        options.setMaxInflight(1000);
        client.connect(options);
        // Moquette 0.17 drops a connection whose SUBSCRIBE it handles before it has marked the session connected,
        // which it does once the CONNACK is written ("SUBSCRIBE received on already closed connection"); a QoS 1
        // round trip before any subscription gives it that time
        client.publish("itest-ready/" + client.getClientId(), new byte[0], 1, false);
    }

    /** Subscribes and waits for the SUBACK. */
    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos, (topic, message) -> received.add(
            new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8)}));
    }

    /** Publishes and, for QoS 1 and 2, waits for the broker's acknowledgement. */
    public void publish(String topic, String payload, int qos) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /** @return the payloads received on a topic, in arrival order */
    public List<String> payloads(String topic) {
        return received.stream().filter(m -> m[0].equals(topic)).map(m -> m[1]).collect(java.util.stream.Collectors.toList());
    }

    /** @return all payloads received, in arrival order */
    public List<String> payloads() {
        return received.stream().map(m -> m[1]).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException e) {
            // the broker may already be gone; closing below still frees the threads
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to free
        }
    }
}
