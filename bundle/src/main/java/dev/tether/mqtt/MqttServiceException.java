package dev.tether.mqtt;

import java.util.OptionalInt;

/** Why an {@link MqttService} operation could not be done. Completes stages exceptionally. */
public class MqttServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a caller may want to tell apart. */
    public enum Reason {
        /** QoS 0 publish while not connected; QoS 0 is never queued. */
        NOT_CONNECTED,
        /**
         * The queue already holds {@code max_queue_length} messages waiting: the new message was
         * refused ({@code queue_overflow=reject}), or this older one was dropped to make room
         * ({@code queue_overflow=drop_oldest}).
         */
        QUEUE_FULL,
        /** The connection's configuration is invalid; the message names the property. */
        CONFIGURATION_ERROR,
        /** The broker refused the operation (for example a rejected subscription). */
        BROKER_REJECTED,
        /**
         * The service was shut down before the operation completed. A QoS 1/2 message in a
         * persistent queue ({@code queue_persistence=file}) is still sent after the next start.
         */
        CLOSED,
        /**
         * The message could not be written to the persistent queue (disk full, file unusable), so it
         * was not accepted. Since 1.1.
         */
        STORE_FAILED,
        /**
         * The message is larger than the broker accepts (its MQTT 5 Maximum Packet Size): it was not sent. Since 1.4.
         */
        TOO_LARGE,
        /** No answer came in time: a {@link MqttService#request request} without a response. Since 1.4. */
        TIMEOUT,
        /** The operation needs MQTT 5 and the connection speaks MQTT 3.1.1. Since 1.4. */
        NOT_SUPPORTED,
        /**
         * The message's expiry interval ({@link MessageProperties#messageExpirySeconds()}) passed while it waited in
         * Tether's queue for a connection: it was dropped, not sent. Since 1.4.
         */
        EXPIRED
    }

    private final Reason reason;
    private final int reasonCode;

    /**
     * @param reason  the kind of failure
     * @param message what happened, for a person
     */
    public MqttServiceException(Reason reason, String message) {
        this(reason, message, (Throwable) null);
    }

    /**
     * @param reason  the kind of failure
     * @param message what happened, for a person
     * @param cause   the underlying error
     */
    public MqttServiceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.reasonCode = -1;
    }

    /**
     * @param reason     the kind of failure, {@link Reason#BROKER_REJECTED} for a broker's refusal
     * @param reasonCode the broker's MQTT 5 reason code (0x80 and above), or 0x80 for an MQTT 3.1.1 refusal
     * @param message    what happened, for a person: the code's meaning and the broker's Reason String
     * @since 1.4
     */
    public MqttServiceException(Reason reason, int reasonCode, String message) {
        super(message);
        this.reason = reason;
        this.reasonCode = reasonCode;
    }

    /** @return the kind of failure */
    public Reason reason() {
        return reason;
    }

    /**
     * @return the broker's MQTT 5 reason code when it refused the operation (for example 0x87 Not authorized or 0x97
     *         Quota exceeded on a publish), 0x80 for an MQTT 3.1.1 refusal; empty for Tether's own failures. Since 1.4.
     */
    public OptionalInt reasonCode() {
        return reasonCode < 0 ? OptionalInt.empty() : OptionalInt.of(reasonCode);
    }
}
