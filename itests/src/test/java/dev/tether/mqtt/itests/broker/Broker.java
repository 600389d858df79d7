package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.util.Set;

/**
 * An MQTT broker on a fixed loopback port that can be stopped and started again on the same port.
 * Lives in the driver JVM only: the probe reaches it through {@link BrokerHost}.
 */
public interface Broker extends AutoCloseable {

    /** @return the loopback port, the same across restarts */
    int port();

    /** Starts the broker (again) on {@link #port()}; returns once it accepts connections. */
    void start() throws IOException;

    /** Stops the broker and waits until its port is closed; idempotent. */
    void stop();

    /** @return the client ids connected now */
    Set<String> connectedClients() throws IOException;

    @Override
    default void close() {
        stop();
    }
}
