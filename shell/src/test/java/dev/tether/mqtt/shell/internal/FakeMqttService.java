package dev.tether.mqtt.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.tether.mqtt.SubscriptionStatus;

/** An {@link MqttService} that records what the commands ask of it and answers as the test sets it up. */
final class FakeMqttService implements MqttService {

    /** One publish call. */
    record Published(String topic, String payload, int qos, boolean retain) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();
    volatile CompletableFuture<Void> publishOutcome = CompletableFuture.completedFuture(null);
    volatile CompletableFuture<Void> subscribeAcknowledged = CompletableFuture.completedFuture(null);
    volatile ConnectionState state = ConnectionState.CONNECTED;
    /** What {@link #metrics()} answers; without one, the messages published so far and nothing else. */
    volatile ConnectionMetrics metrics;

    private final String name;

    FakeMqttService(String name) {
        this.name = name;
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        if (topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("invalid topic '" + topic + "': must not contain the wildcards + or #");
        }
        published.add(new Published(topic, new String(payload, StandardCharsets.UTF_8), qos, retain));
        return publishOutcome;
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, int qos, MqttMessageListener listener) {
        if (topicFilter.contains("#/")) {
            throw new IllegalArgumentException("invalid topic filter '" + topicFilter + "': # must be a whole level"
                + " and the last one");
        }
        FakeSubscription subscription = new FakeSubscription(topicFilter, qos, listener, subscribeAcknowledged);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public CompletionStage<Void> publish(OutgoingMessage message) {
        return publish(message.topic(), message.payload(), message.qos(), message.retain());
    }

    @Override
    public CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MqttSubscription subscribe(String topicFilter, SubscriptionOptions options, MqttMessageListener listener) {
        return subscribe(topicFilter, options.qos(), listener);
    }

    @Override
    public Registration addConnectionListener(ConnectionListener listener) {
        return () -> { };
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public void reconnect() {
        reconnects.incrementAndGet();
    }

    @Override
    public ConnectionMetrics metrics() {
        ConnectionMetrics given = metrics;
        if (given != null) {
            return given;
        }
        long[] out = new long[3];
        long[] outBytes = new long[3];
        for (Published message : published) {
            out[message.qos()]++;
            outBytes[message.qos()] += message.payload().getBytes(StandardCharsets.UTF_8).length;
        }
        return new Metrics(name, Instant.EPOCH, new long[3], new long[3], out, outBytes, 0, 0, Map.of(), 0, 0, 0, 0,
            0, Optional.empty(), List.of(), List.of());
    }

    @Override
    public ConnectionStatus status() {
        return new Status(name, state, "tcp://broker:1883", "client-" + name, Optional.of(Instant.EPOCH), 0,
            Optional.empty(), List.of(), 0, 0, Optional.empty(), 0, published.size(), 0);
    }

    @Override
    public String connectionName() {
        return name;
    }

    /** A subscription the test delivers messages to. */
    static final class FakeSubscription implements MqttSubscription {

        private final String filter;
        private final int qos;
        private final MqttMessageListener listener;
        private final CompletableFuture<Void> acknowledged;
        volatile boolean closed;

        FakeSubscription(String filter, int qos, MqttMessageListener listener, CompletableFuture<Void> acknowledged) {
            this.filter = filter;
            this.qos = qos;
            this.listener = listener;
            this.acknowledged = acknowledged;
        }

        void deliver(String topic, byte[] payload) {
            listener.messageArrived(new MqttMessage(topic, payload, qos, false, false));
        }

        void deliver(String topic, String payload) {
            deliver(topic, payload.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String topicFilter() {
            return filter;
        }

        @Override
        public int qos() {
            return qos;
        }

        @Override
        public CompletionStage<Void> acknowledged() {
            return acknowledged;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A status with every field given. */
    record Status(String connectionName, ConnectionState state, String server, String clientId,
        Optional<Instant> connectedSince, int reconnectAttempts, Optional<String> lastError,
        List<SubscriptionStatus> subscriptions, int queuedMessages, int inFlightMessages,
        Optional<Duration> oldestMessageAge, long droppedMessages, long messagesSent, long messagesReceived,
        Optional<String> protocolVersion, Optional<String> assignedClientId, OptionalInt serverKeepAlive,
        Optional<Boolean> sharedSubscriptionsAvailable) implements ConnectionStatus {

        /** A status of a connection that has not connected. */
        Status(String connectionName, ConnectionState state, String server, String clientId,
            Optional<Instant> connectedSince, int reconnectAttempts, Optional<String> lastError,
            List<SubscriptionStatus> subscriptions, int queuedMessages, int inFlightMessages,
            Optional<Duration> oldestMessageAge, long droppedMessages, long messagesSent, long messagesReceived) {
            this(connectionName, state, server, clientId, connectedSince, reconnectAttempts, lastError, subscriptions,
                queuedMessages, inFlightMessages, oldestMessageAge, droppedMessages, messagesSent, messagesReceived,
                Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
        }

        @Override
        public int subscriptionCount() {
            return subscriptions.size();
        }
    }

    /** Metrics with every figure given; per QoS as arrays indexed by QoS. */
    record Metrics(String connectionName, Instant takenAt, long[] in, long[] inBytes, long[] out, long[] outBytes,
        long connects, long connectionLosses, Map<String, Long> failedAttempts, int queuedMessages, long queuedBytes,
        int inFlightMessages, long droppedMessages, long listenerOverflows, Optional<Latency> publishLatency,
        List<Sample> history, List<Event> recentEvents) implements ConnectionMetrics {

        @Override
        public long messagesIn(int qos) {
            return in[qos];
        }

        @Override
        public long bytesIn(int qos) {
            return inBytes[qos];
        }

        @Override
        public long messagesOut(int qos) {
            return out[qos];
        }

        @Override
        public long bytesOut(int qos) {
            return outBytes[qos];
        }
    }

    /** A subscription line of a status. */
    record Filter(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos, OptionalInt refusalCode)
            implements SubscriptionStatus {

        /** A filter the broker granted, or has not answered for ({@code grantedQos} empty). */
        Filter(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos) {
            this(topicFilter, qos, listenerCount, grantedQos, OptionalInt.empty());
        }

        /** A filter the broker has not granted (yet). */
        Filter(String topicFilter, int qos, int listenerCount) {
            this(topicFilter, qos, listenerCount, OptionalInt.empty());
        }
    }
}
