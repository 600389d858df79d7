package dev.tether.mqtt;

/** Where a connection stands. */
public enum ConnectionState {
    /** Opening the connection, or re-subscribing after it opened. */
    CONNECTING,
    /** Connected and every subscription re-established. */
    CONNECTED,
    /** Not connected; the next attempt is scheduled with backoff. */
    DISCONNECTED,
    /** The configuration is invalid; no attempt is made until it is fixed. See {@link ConnectionStatus#lastError()}. */
    CONFIGURATION_ERROR,
    /** The service was shut down (configuration deleted or disabled, or the bundle stopped). */
    CLOSED
}
