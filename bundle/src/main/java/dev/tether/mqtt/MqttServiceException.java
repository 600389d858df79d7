package dev.tether.mqtt;

/** Why an {@link MqttService} operation could not be done. Completes stages exceptionally. */
public class MqttServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a caller may want to tell apart. */
    public enum Reason {
        /** QoS 0 publish while not connected; QoS 0 is never queued. */
        NOT_CONNECTED,
        /** The offline queue already holds {@code max_queue_length} messages. */
        QUEUE_FULL,
        /** The connection's configuration is invalid; the message names the property. */
        CONFIGURATION_ERROR,
        /** The broker refused the operation (for example a rejected subscription). */
        BROKER_REJECTED,
        /** The service was shut down before the operation completed. */
        CLOSED
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
