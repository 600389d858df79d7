package dev.tether.mqtt.internal.connection;

import java.io.IOException;

/**
 * The broker left a QoS 1 or 2 message, or a SUBSCRIBE of a new session, unanswered for {@code ack_timeout}: the
 * connection is started again.
 */
final class AckTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    AckTimeoutException(long waitedSeconds, long ackTimeoutSeconds) {
        this("no acknowledgement from the broker for a message sent " + waitedSeconds + " s ago (ack_timeout "
            + ackTimeoutSeconds + " s); reconnecting to send it again");
    }

    private AckTimeoutException(String message) {
        super(message);
    }

    static AckTimeoutException subscribeUnanswered(long ackTimeoutSeconds) {
        return new AckTimeoutException("no SUBACK from the broker for the subscriptions of the new session"
            + " (ack_timeout " + ackTimeoutSeconds + " s); reconnecting to subscribe again");
    }
}
