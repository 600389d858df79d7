package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;
import dev.tether.mqtt.internal.session.BrokerTerms;

/** An immutable {@link ConnectionStatus}. */
record StatusSnapshot(String connectionName, ConnectionState state, String server, boolean onBackupServer,
        String clientId,
        Optional<Instant> connectedSince, int reconnectAttempts, Optional<String> lastError,
        List<SubscriptionStatus> subscriptions,
        int queuedMessages, int inFlightMessages, Optional<Duration> oldestMessageAge, long droppedMessages,
        long messagesSent, long messagesReceived, Optional<BrokerTerms> terms) implements ConnectionStatus {

    @Override
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public Optional<String> protocolVersion() {
        return terms.map(BrokerTerms::protocolVersion);
    }

    @Override
    public Optional<String> assignedClientId() {
        return terms.flatMap(BrokerTerms::assignedClientId);
    }

    @Override
    public OptionalInt serverKeepAlive() {
        return terms.map(BrokerTerms::serverKeepAlive).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<Boolean> sharedSubscriptionsAvailable() {
        return terms.flatMap(BrokerTerms::sharedSubscriptionsAvailable);
    }
}
