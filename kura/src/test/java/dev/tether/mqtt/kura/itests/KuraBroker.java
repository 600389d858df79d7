package dev.tether.mqtt.kura.itests;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.tether.mqtt.testing.EmbeddedMoquette;

/**
 * The tests' broker: Moquette in the driver JVM (Pax Exam's {@code @Configuration} runs there, the tests inside the
 * framework) that accepts exactly one user name and password, so a test can tell a decrypted password from an
 * encrypted one. Started once per JVM, on a free loopback port, stopped when the JVM exits. The framework reads only
 * the constants, which the compiler copies into the tests.
 */
public final class KuraBroker {

    /** System property carrying the broker's port into the framework. */
    public static final String PORT_PROPERTY = "tether.kura.itest.broker.port";
    /** The only user the broker accepts. */
    public static final String USER = "kura-gateway";
    /** That user's password. */
    public static final String PASSWORD = "Tether-in-Kura-1";

    private static EmbeddedMoquette broker;

    private KuraBroker() {
    }

    /** Starts the broker, unless it runs. @return its port on 127.0.0.1 */
    public static synchronized int port() {
        if (broker == null) {
            try {
                broker = EmbeddedMoquette.builder().plain().onlyUser(USER, PASSWORD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kura-itest-broker-stop"));
        }
        return broker.plainPort();
    }
}
