package dev.tether.mqtt.internal.connection;

import java.io.IOException;

/** The broker left a QoS 1 or 2 message unanswered for {@code ack_timeout}: the connection is started again. */
final class AckTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    AckTimeoutException(long waitedSeconds, long ackTimeoutSeconds) {
        super("no acknowledgement from the broker for a message sent " + waitedSeconds + " s ago (ack_timeout "
            + ackTimeoutSeconds + " s); reconnecting to send it again");
    }
}
