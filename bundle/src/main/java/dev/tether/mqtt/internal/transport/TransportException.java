package dev.tether.mqtt.internal.transport;

/**
 * The secure transport cannot be set up, for a reason an operator can act on: the message names
 * the property and the file. Never carries a key or password.
 */
public final class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
