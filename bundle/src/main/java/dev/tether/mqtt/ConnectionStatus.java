package dev.tether.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/** An immutable snapshot of a connection's status. Never contains a password or key. */
@ProviderType
public interface ConnectionStatus {

    /** @return the connection's name */
    String connectionName();

    /** @return the state when the snapshot was taken */
    ConnectionState state();

    /**
     * @return the URI of the server in use, for example {@code ssl://broker:8883}: the one of the current session
     *         or attempt, which is {@code backup_server} while the connection runs on the backup; when the
     *         configuration is invalid, the server text as configured
     */
    String server();

    /** @return whether {@link #server()} is the backup server ({@code backup_server}) */
    default boolean onBackupServer() {
        return false;
    }

    /** @return the MQTT client identifier in use */
    String clientId();

    /** @return when the current connection was established; empty unless connected */
    Optional<Instant> connectedSince();

    /** @return failed connection attempts since the last successful connect */
    int reconnectAttempts();

    /** @return the last error (connection failure, rejected configuration), if any */
    Optional<String> lastError();

    /**
     * @return the number of distinct topic filters this connection keeps subscribed (at the broker
     *         whenever connected)
     */
    int subscriptionCount();

    /**
     * @return each distinct topic filter this connection keeps subscribed, sorted by filter, with the QoS asked
     *         of the broker and how many listeners share it
     */
    List<SubscriptionStatus> subscriptions();

    /** @return QoS 1 and 2 messages accepted but not yet acknowledged by the broker (waiting or in flight) */
    int queuedMessages();

    /** @return QoS 1 and 2 messages sent and waiting for the broker's acknowledgement. Since 1.1. */
    int inFlightMessages();

    /** @return how long the oldest unacknowledged QoS 1/2 message has been waiting, if there is one. Since 1.1. */
    Optional<Duration> oldestMessageAge();

    /** @return messages dropped from the full queue under {@code queue_overflow=drop_oldest}. Since 1.1. */
    long droppedMessages();

    /** @return messages published through this connection and completed since it was configured */
    long messagesSent();

    /** @return messages received from the broker since the connection was configured */
    long messagesReceived();

    /**
     * @return the MQTT version of the current session, {@code "5"} or {@code "3.1.1"}; empty while not connected.
     *         Since 1.4.
     */
    default Optional<String> protocolVersion() {
        return Optional.empty();
    }

    /**
     * @return the client id the broker assigned (MQTT 5 Assigned Client Identifier), when the connection sent
     *         none; empty otherwise. Since 1.4.
     */
    default Optional<String> assignedClientId() {
        return Optional.empty();
    }

    /**
     * @return the keep alive the broker set (MQTT 5 Server Keep Alive), in seconds, which replaces
     *         {@code keep_alive} for the session; empty when it set none. Since 1.4.
     */
    default OptionalInt serverKeepAlive() {
        return OptionalInt.empty();
    }

    /**
     * @return whether the broker supports shared subscriptions ({@code $share/...}), as its MQTT 5 CONNACK says;
     *         empty while not connected or on MQTT 3.1.1, which does not tell. Since 1.4.
     */
    default Optional<Boolean> sharedSubscriptionsAvailable() {
        return Optional.empty();
    }
}
