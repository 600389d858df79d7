package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client, not Tether, that records the payloads it receives: the tests' independent witness. */
final class TestSubscriber implements AutoCloseable {

    private final MqttClient client;
    /** Guarded by itself; not copy-on-write, which costs O(n) per message and is too slow for 100,000 of them. */
    private final List<String> payloads = new ArrayList<>();

    TestSubscriber(String serverUri, String filter) throws MqttException {
        this(serverUri, filter, null);
    }

    /**
     * @param persistentId null: a clean session; else the client id of a persistent session that
     *                     reconnects by itself, so the broker keeps QoS 1 messages for it while it is away
     */
    TestSubscriber(String serverUri, String filter, String persistentId) throws MqttException {
        client = new MqttClient(serverUri, persistentId != null ? persistentId : "witness-" + System.nanoTime(),
            new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (payloads) {
                    payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(1000);
        if (persistentId != null) {
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
        }
        client.connect(options);
        // Moquette 0.17 may refuse a SUBSCRIBE sent right after CONNACK (it marks the session connected
        // only once the CONNACK is written); a QoS 1 round trip first makes sure it has
        client.publish("witness/ready/" + client.getClientId(), new byte[0], 1, false);
        client.subscribe(filter, 1);
    }

    /** @return every payload received, in arrival order, duplicates included */
    List<String> payloads() {
        synchronized (payloads) {
            return List.copyOf(payloads);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
