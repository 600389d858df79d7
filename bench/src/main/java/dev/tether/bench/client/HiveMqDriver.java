package dev.tether.bench.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import dev.tether.bench.measure.Payloads;

/**
 * The HiveMQ MQTT client 1.3.3, asynchronous API, MQTT 3.1.1 ({@code Mqtt3AsyncClient}) or MQTT 5
 * ({@code Mqtt5AsyncClient}, clean start, session expiry 0, its other MQTT 5 settings at their defaults), clean
 * session, keep-alive 60 s; messages arrive on its Netty threads, as by default.
 */
public final class HiveMqDriver implements MqttDriver {

    private static final long CONNECT_TIMEOUT_SECONDS = 30;

    private final String host;
    private final int port;
    private final boolean automaticReconnect;
    private final boolean mqtt5;

    /** @param automaticReconnect the client's own reconnect (it re-subscribes by itself) */
    public HiveMqDriver(String host, int port, boolean automaticReconnect) {
        this(host, port, automaticReconnect, false);
    }

    /** @param mqtt5 {@code Mqtt5AsyncClient} rather than {@code Mqtt3AsyncClient} */
    public HiveMqDriver(String host, int port, boolean automaticReconnect, boolean mqtt5) {
        this.host = host;
        this.port = port;
        this.automaticReconnect = automaticReconnect;
        this.mqtt5 = mqtt5;
    }

    @Override
    public String name() {
        return mqtt5 ? "HiveMQ client 5" : "HiveMQ client";
    }

    @Override
    public String key() {
        return mqtt5 ? "hivemq5" : "hivemq";
    }

    @Override
    public BenchClient connect(String clientId) throws InterruptedException, ExecutionException, TimeoutException {
        if (mqtt5) {
            return connect5(clientId);
        }
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3().identifier(clientId)
            .serverHost(host).serverPort(port);
        if (automaticReconnect) {
            builder = builder.automaticReconnectWithDefaultConfig();
        }
        Mqtt3AsyncClient client = builder.buildAsync();
        client.connectWith().cleanSession(true).keepAlive(PahoDriver.KEEP_ALIVE_SECONDS).send()
            .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new HiveMqClient(client);
    }

    private BenchClient connect5(String clientId) throws InterruptedException, ExecutionException,
            TimeoutException {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(clientId)
            .serverHost(host).serverPort(port);
        if (automaticReconnect) {
            builder = builder.automaticReconnectWithDefaultConfig();
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        client.connectWith().cleanStart(true).sessionExpiryInterval(0).keepAlive(PahoDriver.KEEP_ALIVE_SECONDS)
            .send().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new HiveMq5Client(client);
    }

    private static final class HiveMq5Client implements BenchClient {

        private static final Consumer<Mqtt5Publish> IGNORE = publish -> { };

        private final Mqtt5AsyncClient client;

        HiveMq5Client(Mqtt5AsyncClient client) {
            this.client = client;
        }

        @Override
        public CompletionStage<?> subscribe(String topic, int qos, MessageSink sink) {
            return client.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos))
                .callback(publish -> publish.getPayload().ifPresent(payload -> HiveMqClient.deliver(payload, sink)))
                .send();
        }

        @Override
        public CompletionStage<?> subscribeIdle(String topicFilter, int qos) {
            return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.fromCode(qos)).callback(IGNORE).send();
        }

        @Override
        public CompletionStage<?> publish(String topic, byte[] payload, int qos) {
            // a refusal in the PUBACK/PUBREC completes the result with an error rather than the future exceptionally
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send()
                .thenApply(result -> {
                    result.getError().ifPresent(error -> {
                        throw new IllegalStateException(error);
                    });
                    return result;
                });
        }

        @Override
        public void close() {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // already disconnected, or the broker is gone
            }
        }
    }

    private static final class HiveMqClient implements BenchClient {

        private static final Consumer<Mqtt3Publish> IGNORE = publish -> { };

        private final Mqtt3AsyncClient client;

        HiveMqClient(Mqtt3AsyncClient client) {
            this.client = client;
        }

        @Override
        public CompletionStage<?> subscribe(String topic, int qos, MessageSink sink) {
            return client.subscribeWith().topicFilter(topic).qos(qos(qos))
                .callback(publish -> publish.getPayload().ifPresent(payload -> deliver(payload, sink)))
                .send();
        }

        @Override
        public CompletionStage<?> subscribeIdle(String topicFilter, int qos) {
            return client.subscribeWith().topicFilter(topicFilter).qos(qos(qos)).callback(IGNORE).send();
        }

        private static void deliver(ByteBuffer payload, MessageSink sink) {
            // read in place: copying out is what getPayloadAsBytes() would cost, and a HiveMQ user need not pay it
            sink.arrived(Payloads.sequence(payload), Payloads.stamp(payload));
        }

        @Override
        public CompletionStage<?> publish(String topic, byte[] payload, int qos) {
            return client.publishWith().topic(topic).qos(qos(qos)).payload(payload).send();
        }

        @Override
        public void close() {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // already disconnected, or the broker is gone
            }
        }

        private static MqttQos qos(int qos) {
            return MqttQos.fromCode(qos);
        }
    }
}
