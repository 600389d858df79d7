package dev.tether.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain Paho client of the test, outside the gateway: subscribes at a broker on 127.0.0.1, keeps every message it
 * receives, publishes. Clean session, MQTT 3.1.1, QoS 1.
 */
final class MqttProbe implements AutoCloseable {

    /** Attempts at connecting and subscribing, for a broker that drops the connection (see below). */
    private static final int ATTEMPTS = 3;

    private final MqttClient client;
    private final List<Message> received = new CopyOnWriteArrayList<>();

    private MqttProbe(MqttClient client) {
        this.client = client;
    }

    /**
     * Connects and subscribes; returns once the broker acknowledged the subscriptions.
     *
     * @param port    the broker's port on 127.0.0.1
     * @param filters the topic filters to subscribe to, QoS 1
     */
    static MqttProbe connect(int port, String... filters) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttProbe probe = new MqttProbe(new MqttClient("tcp://127.0.0.1:" + port,
                "gateway-it-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence()));
            try {
                probe.connectAndSubscribe(filters);
                return probe;
            } catch (MqttException e) {
                probe.close();
                // Moquette 0.17 drops a connection whose SUBSCRIBE it handles before it has marked the session
                // connected, which happens once the CONNACK is written ("SUBSCRIBE received on already closed
                // connection"); a gateway starting beside it makes that slow. A QoS 1 round trip first makes it
                // rare, and a new connection gets past it.
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST || attempt == ATTEMPTS) {
                    throw e;
                }
                System.err.println("[test] the broker dropped the MQTT probe while it subscribed; connecting again");
            }
        }
    }

    private void connectAndSubscribe(String... filters) throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        if (filters.length == 0) {
            return;
        }
        client.publish("gateway-it/ready/" + client.getClientId(), new byte[0], 1, false);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        IMqttMessageListener[] listeners = new IMqttMessageListener[filters.length];
        Arrays.fill(listeners, (IMqttMessageListener) (topic, message) ->
            received.add(new Message(topic, new String(message.getPayload(), StandardCharsets.UTF_8))));
        client.subscribe(filters, qos, listeners);
    }

    /** Publishes with QoS 1 and returns once the broker acknowledged it. */
    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload, 1);
    }

    /** Publishes; with QoS 0 returns once written, with QoS 1 or 2 once the broker acknowledged it. */
    void publish(String topic, String payload, int qos) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
    }

    /** @return the messages received so far, in order */
    List<Message> received() {
        return List.copyOf(received);
    }

    /**
     * @param description what the message is, for the failure message
     * @param message     which message
     * @param timeout     how long to wait
     * @return the first matching message received
     */
    Message await(String description, Predicate<Message> message, Duration timeout) {
        Awaitility.await(description).atMost(timeout).until(() -> received.stream().anyMatch(message));
        return received.stream().filter(message).findFirst().orElseThrow();
    }

    /** Disconnects; never throws, so that it can close after a failed test. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException e) {
            System.err.println("[test] disconnecting the MQTT probe: " + e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            System.err.println("[test] closing the MQTT probe: " + e);
        }
    }

    /**
     * A message received.
     *
     * @param topic   its topic
     * @param payload its payload as UTF-8
     */
    record Message(String topic, String payload) {
    }
}
