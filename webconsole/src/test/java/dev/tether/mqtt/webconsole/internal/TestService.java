package dev.tether.mqtt.webconsole.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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

/** An MqttService that answers status() and metrics() from suppliers and counts reconnect() calls. */
final class TestService implements MqttService {

    private final String name;
    private final Supplier<ConnectionStatus> status;
    private final Supplier<ConnectionMetrics> metrics;
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile boolean gone;

    TestService(String name, Supplier<ConnectionStatus> status, Supplier<ConnectionMetrics> metrics) {
        this.name = name;
        this.status = status;
        this.metrics = metrics;
    }

    /** Connected, with {@link TestMetrics#some()}. */
    static TestService connected(String name) {
        TestStatus status = TestStatus.connected(name);
        TestMetrics metrics = TestMetrics.some();
        return new TestService(name, () -> status, () -> metrics);
    }

    /** From now on, behaves like a service whose connection was deleted: every call throws. */
    TestService goAway() {
        gone = true;
        return this;
    }

    int reconnects() {
        return reconnects.get();
    }

    private void checkNotGone() {
        if (gone) {
            throw new IllegalStateException("service for " + name + " was unregistered");
        }
    }

    @Override
    public ConnectionMetrics metrics() {
        checkNotGone();
        return metrics.get();
    }

    @Override
    public ConnectionStatus status() {
        checkNotGone();
        return status.get();
    }

    @Override
    public void reconnect() {
        checkNotGone();
        reconnects.incrementAndGet();
    }

    @Override
    public String connectionName() {
        return name;
    }

    @Override
    public ConnectionState state() {
        return status().state();
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, int qos, MqttMessageListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> publish(OutgoingMessage message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, SubscriptionOptions options, MqttMessageListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Registration addConnectionListener(ConnectionListener listener) {
        throw new UnsupportedOperationException();
    }
}
