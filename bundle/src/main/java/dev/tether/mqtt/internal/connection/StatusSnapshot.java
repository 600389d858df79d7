package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;

/** An immutable {@link ConnectionStatus}. */
record StatusSnapshot(String connectionName, ConnectionState state, String server, String clientId,
        Optional<Instant> connectedSince, int reconnectAttempts, Optional<String> lastError, int subscriptionCount,
        int queuedMessages, int inFlightMessages, Optional<Duration> oldestMessageAge, long droppedMessages,
        long messagesSent, long messagesReceived) implements ConnectionStatus {
}
