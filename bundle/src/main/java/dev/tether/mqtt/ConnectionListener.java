package dev.tether.mqtt;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a connection comes up or goes down. Called on a Tether thread, in order;
 * exceptions are logged and ignored.
 */
@ConsumerType
public interface ConnectionListener {

    /**
     * The connection is up and every subscription re-established.
     *
     * @param status the status right after connecting
     */
    default void connected(ConnectionStatus status) {
    }

    /**
     * The connection went down, or a connection attempt failed after having been connected.
     *
     * @param status the status right after the loss
     * @param cause  why: the broker or network error, or a configuration change
     */
    default void disconnected(ConnectionStatus status, Throwable cause) {
    }
}
