package dev.tether.mqtt.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/** A status whose values the test sets: {@link #connected(String)}, then {@code with...} to change one. */
class TestStatus implements ConnectionStatus {

    /** 3 min 12 s after {@link #connected(String)} connected. */
    static final Instant NOW = Instant.parse("2026-01-01T10:03:12.500Z");

    private final String name;
    private ConnectionState state = ConnectionState.CONNECTED;
    private String server = "tcp://localhost:1883";
    private boolean onBackup;
    private Optional<Instant> connectedSince = Optional.of(Instant.parse("2026-01-01T10:00:00.500Z"));
    private Optional<String> lastError = Optional.empty();
    private List<SubscriptionStatus> subscriptions = List.of(
        new TestSubscription("home/+/cmd", 1, 2, OptionalInt.of(1)), new TestSubscription("tether/gw/#", 0, 1));
    private int queued = 5;
    private int inFlight = 2;
    private Optional<Duration> oldestMessageAge = Optional.of(Duration.ofSeconds(42));
    private Optional<String> protocol = Optional.of("5");
    private OptionalInt serverKeepAlive = OptionalInt.empty();
    private Optional<String> assignedClientId = Optional.empty();
    private Optional<Boolean> shared = Optional.of(true);

    TestStatus(String name) {
        this.name = name;
    }

    /** Connected for 3 min 12 s at {@link #NOW}, two subscriptions, a little of everything counted. */
    static TestStatus connected(String name) {
        return new TestStatus(name);
    }

    /** Not connected: no protocol and nothing of what the broker decided, then. */
    TestStatus withState(ConnectionState newState, Optional<Instant> since) {
        state = newState;
        connectedSince = since;
        if (since.isEmpty()) {
            protocol = Optional.empty();
            shared = Optional.empty();
        }
        return this;
    }

    /** What an MQTT 5 broker decided for the session. */
    TestStatus withBrokerTerms(String assigned, int keepAlive, boolean sharedSubscriptions) {
        assignedClientId = Optional.of(assigned);
        serverKeepAlive = OptionalInt.of(keepAlive);
        shared = Optional.of(sharedSubscriptions);
        return this;
    }

    /** An MQTT 3.1.1 session, whose broker tells nothing. */
    TestStatus onMqtt311() {
        protocol = Optional.of("3.1.1");
        shared = Optional.empty();
        return this;
    }

    TestStatus withServer(String newServer) {
        server = newServer;
        return this;
    }

    TestStatus onBackup(String backupServer) {
        server = backupServer;
        onBackup = true;
        return this;
    }

    TestStatus withLastError(String error) {
        lastError = Optional.of(error);
        return this;
    }

    TestStatus withSubscriptions(SubscriptionStatus... newSubscriptions) {
        subscriptions = List.of(newSubscriptions);
        return this;
    }

    TestStatus withNothingQueued() {
        queued = 0;
        inFlight = 0;
        oldestMessageAge = Optional.empty();
        return this;
    }

    @Override
    public String connectionName() {
        return name;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public boolean onBackupServer() {
        return onBackup;
    }

    @Override
    public String clientId() {
        return "gw-" + name;
    }

    @Override
    public Optional<Instant> connectedSince() {
        return connectedSince;
    }

    @Override
    public int reconnectAttempts() {
        return 0;
    }

    @Override
    public Optional<String> lastError() {
        return lastError;
    }

    @Override
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public List<SubscriptionStatus> subscriptions() {
        return subscriptions;
    }

    @Override
    public int queuedMessages() {
        return queued;
    }

    @Override
    public int inFlightMessages() {
        return inFlight;
    }

    @Override
    public Optional<Duration> oldestMessageAge() {
        return oldestMessageAge;
    }

    @Override
    public long droppedMessages() {
        return 3;
    }

    @Override
    public long messagesSent() {
        return 1234;
    }

    @Override
    public long messagesReceived() {
        return 567;
    }

    @Override
    public Optional<String> protocolVersion() {
        return protocol;
    }

    @Override
    public Optional<String> assignedClientId() {
        return assignedClientId;
    }

    @Override
    public OptionalInt serverKeepAlive() {
        return serverKeepAlive;
    }

    @Override
    public Optional<Boolean> sharedSubscriptionsAvailable() {
        return shared;
    }

    record TestSubscription(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos,
            OptionalInt refusalCode) implements SubscriptionStatus {

        /** A subscription the broker granted. */
        TestSubscription(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos) {
            this(topicFilter, qos, listenerCount, grantedQos, OptionalInt.empty());
        }

        /** A subscription the broker has not granted (yet). */
        TestSubscription(String topicFilter, int qos, int listenerCount) {
            this(topicFilter, qos, listenerCount, OptionalInt.empty());
        }
    }
}
