package dev.tether.mqtt.internal.connection;

import dev.tether.mqtt.ConnectionStatus;

/**
 * What a connection announces beyond its {@code ConnectionListener}s, for the framework's event bus
 * ({@code cloud_events}). Called on the connection's own threads; implementations must not block.
 */
public interface ConnectionEvents {

    /** Announces nothing. */
    ConnectionEvents NONE = new ConnectionEvents() {
    };

    /** The connection is up and every subscription re-established. */
    default void connected(ConnectionStatus status) {
    }

    /** A connection that was up is gone, dropped or ended on purpose. */
    default void disconnected(ConnectionStatus status, String cause) {
    }

    /**
     * The broker refused a subscription.
     *
     * @param reasonCode the SUBACK's code: an MQTT 5 reason code (0x87 not authorized, say), or 0x80 on MQTT 3.1.1
     */
    default void subscriptionFailed(ConnectionStatus status, String topicFilter, int reasonCode, String reason) {
    }

    /** The queue became full: messages are now refused or dropped, as {@code queue_overflow} says. */
    default void queueOverflow(ConnectionStatus status) {
    }
}
