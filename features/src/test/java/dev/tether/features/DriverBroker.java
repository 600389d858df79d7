package dev.tether.features;

import java.io.IOException;

import dev.tether.mqtt.testing.EmbeddedMoquette;

/**
 * The tests' MQTT broker: Moquette on a free port of 127.0.0.1 in the driver JVM, the one that runs
 * {@code @Configuration} (Karaf runs in a JVM of its own and learns the port from a system property). Started once per
 * JVM, on first use, and stopped when the JVM exits. Only the driver loads this class.
 */
final class DriverBroker {

    private static EmbeddedMoquette broker;

    private DriverBroker() {
    }

    /** Starts the broker unless it runs. @return its plain MQTT port */
    static synchronized int port() throws IOException {
        if (broker == null) {
            EmbeddedMoquette started = EmbeddedMoquette.builder().plain().start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "karaf-itest-broker-stop"));
            broker = started;
        }
        return broker.plainPort();
    }
}
