package dev.tether.mqtt.shell.internal;

/**
 * A mistake of the person at the shell (unknown connection, bad QoS, invalid topic): its message is
 * printed as it is, without a stack trace, which would only hide it.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and, where it helps, what to do instead */
    UsageException(String message) {
        super(message, null, false, false);
    }
}
