package dev.tether.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * The {@link MqttService} one bundle sees. It remembers what that bundle opened, so subscriptions
 * and listeners of a bundle that stops without closing them do not outlive it.
 */
final class BundleScopedMqttService implements MqttService {

    private final ManagedConnection connection;
    private final Set<Registration> opened = ConcurrentHashMap.newKeySet();

    BundleScopedMqttService(ManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return connection.publish(topic, payload, qos, retain);
    }

    @Override
    public CompletionStage<Void> publish(String topic, String payload, int qos, boolean retain) {
        return publish(topic, Objects.requireNonNull(payload, "payload").getBytes(StandardCharsets.UTF_8), qos,
            retain);
    }

    @Override
    public CompletionStage<Void> publish(OutgoingMessage message) {
        return connection.publish(Objects.requireNonNull(message, "message"));
    }

    @Override
    public CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout) {
        return connection.request(Objects.requireNonNull(request, "request"), Objects.requireNonNull(timeout,
            "timeout"));
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, int qos, MqttMessageListener listener) {
        Objects.requireNonNull(topicFilter, "topicFilter");
        return track(connection.subscribe(List.of(topicFilter), qos, listener));
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, SubscriptionOptions options, MqttMessageListener listener) {
        Objects.requireNonNull(topicFilter, "topicFilter");
        return track(connection.subscribe(List.of(topicFilter), options, listener));
    }

    private MqttSubscription track(MqttSubscription subscription) {
        TrackedSubscription tracked = new TrackedSubscription(subscription);
        opened.add(tracked);
        return tracked;
    }

    @Override
    public Registration addConnectionListener(ConnectionListener listener) {
        Registration registration = connection.addConnectionListener(listener);
        Registration tracked = new Registration() {
            @Override
            public void close() {
                opened.remove(this);
                registration.close();
            }
        };
        opened.add(tracked);
        return tracked;
    }

    @Override
    public ConnectionState state() {
        return connection.state();
    }

    @Override
    public void reconnect() {
        connection.reconnect();
    }

    @Override
    public ConnectionStatus status() {
        return connection.status();
    }

    @Override
    public ConnectionMetrics metrics() {
        return connection.metrics();
    }

    @Override
    public String connectionName() {
        return connection.name();
    }

    /** The bundle released the service: close what it left open. */
    void release() {
        List.copyOf(opened).forEach(Registration::close);
    }

    private final class TrackedSubscription implements MqttSubscription {
        private final MqttSubscription delegate;

        TrackedSubscription(MqttSubscription delegate) {
            this.delegate = delegate;
        }

        @Override
        public String topicFilter() {
            return delegate.topicFilter();
        }

        @Override
        public int qos() {
            return delegate.qos();
        }

        @Override
        public SubscriptionOptions options() {
            return delegate.options();
        }

        @Override
        public CompletionStage<Void> acknowledged() {
            return delegate.acknowledged();
        }

        @Override
        public void close() {
            opened.remove(this);
            delegate.close();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
