package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/** An immutable {@link ConnectionStatus}. */
record StatusSnapshot(String connectionName, ConnectionState state, String server, boolean onBackupServer,
        String clientId,
        Optional<Instant> connectedSince, int reconnectAttempts, Optional<String> lastError,
        List<SubscriptionStatus> subscriptions,
        int queuedMessages, int inFlightMessages, Optional<Duration> oldestMessageAge, long droppedMessages,
        long messagesSent, long messagesReceived) implements ConnectionStatus {

    @Override
    public int subscriptionCount() {
        return subscriptions.size();
    }
}
