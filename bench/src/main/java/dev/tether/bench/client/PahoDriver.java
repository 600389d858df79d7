package dev.tether.bench.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tether.bench.measure.Payloads;

/**
 * Raw Paho 1.2.5 with the settings Tether gives it ({@code PahoClients}): MQTT 3.1.1, clean session, keep-alive
 * 60 s, max in-flight 1,000, memory persistence, receiving through {@code MqttCallback.messageArrived}.
 */
public final class PahoDriver implements MqttDriver {

    static final int MAX_INFLIGHT = 1000;
    static final int KEEP_ALIVE_SECONDS = 60;
    private static final long OPERATION_TIMEOUT_MILLIS = 30_000;
    /** Paho refuses a publish beyond max in-flight (32202) rather than waiting: the caller retries after this. */
    private static final long INFLIGHT_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final String uri;
    private final boolean automaticReconnect;

    /** @param automaticReconnect Paho's own reconnect, with the re-subscription a Paho user has to write */
    public PahoDriver(String host, int port, boolean automaticReconnect) {
        this.uri = "tcp://" + host + ":" + port;
        this.automaticReconnect = automaticReconnect;
    }

    @Override
    public String name() {
        return "raw Paho";
    }

    @Override
    public String key() {
        return "paho";
    }

    @Override
    public PahoClient connect(String clientId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        PahoClient wrapped = new PahoClient(client);
        client.setCallback(wrapped.callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setMaxInflight(MAX_INFLIGHT);
        options.setConnectionTimeout(30);
        options.setAutomaticReconnect(automaticReconnect);
        try {
            client.connect(options).waitForCompletion(OPERATION_TIMEOUT_MILLIS);
        } catch (MqttException e) {
            wrapped.close();
            throw e;
        }
        return wrapped;
    }

    /** One Paho connection. */
    public static final class PahoClient implements BenchClient {

        private final MqttAsyncClient client;
        private final Map<String, MessageSink> sinks = new ConcurrentHashMap<>();
        private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();

        PahoClient(MqttAsyncClient client) {
            this.client = client;
        }

        MqttCallbackExtended callback() {
            return new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    if (reconnect) {
                        // Paho does not re-subscribe after a reconnect with a clean session: its users do this
                        subscriptions.forEach((topic, qos) -> {
                            try {
                                client.subscribe(topic, qos);
                            } catch (MqttException e) {
                                System.err.println("[bench] Paho re-subscribe to " + topic + " failed: " + e);
                            }
                        });
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    // automatic reconnect, when on, takes over
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    MessageSink sink = sinks.get(topic);
                    if (sink != null) {
                        byte[] payload = message.getPayload();
                        sink.arrived(Payloads.sequence(payload), Payloads.stamp(payload));
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // each publish has its own listener
                }
            };
        }

        @Override
        public CompletionStage<?> subscribe(String topic, int qos, MessageSink sink) throws MqttException {
            sinks.put(topic, sink);
            subscriptions.put(topic, qos);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            client.subscribe(topic, qos, null, listener(acknowledged));
            return acknowledged;
        }

        @Override
        public CompletionStage<?> subscribeIdle(String topicFilter, int qos) throws MqttException {
            // messages go to the client's one MqttCallback, which finds no sink for them
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            client.subscribe(topicFilter, qos, null, listener(acknowledged));
            return acknowledged;
        }

        @Override
        public CompletionStage<?> publish(String topic, byte[] payload, int qos) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            while (true) {
                try {
                    client.publish(topic, payload, qos, false, null, listener(done));
                    return done;
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                        done.completeExceptionally(e);
                        return done;
                    }
                    LockSupport.parkNanos(INFLIGHT_RETRY_NANOS);
                }
            }
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect(1000).waitForCompletion(2000);
                }
            } catch (MqttException e) {
                // closed below either way
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                // nothing more to free
            }
        }

        private static IMqttActionListener listener(CompletableFuture<Void> future) {
            return new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    future.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    future.completeExceptionally(error);
                }
            };
        }
    }
}
