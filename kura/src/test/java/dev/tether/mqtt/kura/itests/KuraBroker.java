package dev.tether.mqtt.kura.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * A Moquette broker in the driver JVM (Pax Exam's {@code @Configuration} runs there, the tests inside the
 * framework) that accepts exactly one user name and password, so a test can tell a decrypted password from an
 * encrypted one. Started once per JVM, on a free loopback port, stopped when the JVM exits.
 */
public final class KuraBroker {

    /** System property carrying the broker's port into the framework. */
    public static final String PORT_PROPERTY = "tether.kura.itest.broker.port";
    /** The only user the broker accepts. */
    public static final String USER = "kura-gateway";
    /** That user's password. */
    public static final String PASSWORD = "Tether-in-Kura-1";

    private static int port;

    private KuraBroker() {
    }

    /** Starts the broker, unless it runs. @return its port on 127.0.0.1 */
    public static synchronized int port() {
        if (port == 0) {
            int free = freePort();
            Properties config = new Properties();
            config.setProperty("host", "127.0.0.1");
            config.setProperty("port", Integer.toString(free));
            config.setProperty("websocket_port", "disabled");
            config.setProperty("allow_anonymous", "false");
            config.setProperty("persistence_enabled", "false");
            config.setProperty("telemetry_enabled", "false");
            Server server = new Server();
            try {
                server.startServer(new MemoryConfig(config), List.of(), null,
                    (clientId, user, password) -> USER.equals(user) && password != null
                        && PASSWORD.equals(new String(password, StandardCharsets.UTF_8)),
                    null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopServer, "kura-itest-broker-stop"));
            port = free;
        }
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
