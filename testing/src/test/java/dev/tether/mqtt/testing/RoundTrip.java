package dev.tether.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Paho 1.2.5 (MQTT 3.1.1) connects, subscribes, publishes to itself and receives the message back. */
final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * @param uri           such as {@code ssl://127.0.0.1:8883} or {@code ws://127.0.0.1:8080/mqtt}
     * @param socketFactory for {@code ssl://} and {@code wss://}; null for Paho's default
     * @return the payload received back
     */
    static String through(String uri, SocketFactory socketFactory) throws Exception {
        String topic = "tether/testing/" + UUID.randomUUID();
        MqttClient client = connect(uri, socketFactory);
        try {
            awaitSubscribable(client);
            CompletableFuture<String> received = new CompletableFuture<>();
            client.subscribe(topic, 1, (t, message) ->
                received.complete(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish(topic, ("hello over " + uri).getBytes(StandardCharsets.UTF_8), 1, false);
            return received.get(5, TimeUnit.SECONDS);
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    /**
     * Returns once the broker takes a SUBSCRIBE from {@code client}, which has just connected.
     *
     * <p>Moquette 0.17 marks a connection as connected in a listener of the CONNACK write, which can run after the
     * client has received the CONNACK; a SUBSCRIBE read before then makes Moquette close the connection ("SUBSCRIBE
     * received on already closed connection"; the client sees an EOFException). It happens about once in a few hundred
     * connections when the CPU is busy. A QoS 1 PUBLISH is not checked that way, and Moquette writes its PUBACK after
     * that listener has run: once the PUBACK is here, subscribing is safe. Harmless with other brokers.
     */
    static void awaitSubscribable(MqttClient client) throws MqttException {
        client.publish("tether/testing/ready", new byte[0], 1, false);
    }

    /** @return a connected client; close it */
    static MqttClient connect(String uri, SocketFactory socketFactory) throws MqttException {
        MqttClient client = new MqttClient(uri, "testing-" + UUID.randomUUID().toString().substring(0, 8),
            new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
