package dev.tether.mqtt;

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
        STORE_FAILED
    }

    private final Reason reason;

    /**
     * @param reason  the kind of failure
     * @param message what happened, for a person
     */
    public MqttServiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason  the kind of failure
     * @param message what happened, for a person
     * @param cause   the underlying error
     */
    public MqttServiceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the kind of failure */
    public Reason reason() {
        return reason;
    }
}
