package dev.tether.gateway;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * What the gateway reads from system properties, and where its files are. Read once, at start.
 *
 * @param brokerEnabled   false when {@code tether.broker=off}
 * @param brokerPort      {@code tether.broker.port}, default 1883
 * @param httpPort        {@code tether.http.port}, default 8080
 * @param consolePassword {@code tether.console.password}, default {@value #DEFAULT_PASSWORD}
 * @param dataDir         {@code tether.data}, default {@code ./gateway-data}: the framework cache and FileInstall's
 *                        {@code conf/}
 * @param bundlesDir      {@code lib/bundles/} next to the gateway jar
 */
record GatewaySettings(boolean brokerEnabled, int brokerPort, int httpPort, String consolePassword, Path dataDir,
                       Path bundlesDir) {

    /** The web console login name. */
    static final String CONSOLE_USER = "admin";
    /** The web console password unless {@code tether.console.password} is set. */
    static final String DEFAULT_PASSWORD = "admin";

    /** @return the settings of this JVM */
    static GatewaySettings fromSystemProperties() {
        return new GatewaySettings(
            !"off".equalsIgnoreCase(System.getProperty("tether.broker", "on")),
            port("tether.broker.port", 1883),
            port("tether.http.port", 8080),
            System.getProperty("tether.console.password", DEFAULT_PASSWORD),
            Path.of(System.getProperty("tether.data", "gateway-data")).toAbsolutePath().normalize(),
            jarDir().resolve("lib").resolve("bundles"));
    }

    /** @return true when nobody chose a console password */
    boolean defaultPassword() {
        return DEFAULT_PASSWORD.equals(consolePassword);
    }

    /** @return FileInstall's folder, {@code <data>/conf} */
    Path confDir() {
        return dataDir.resolve("conf");
    }

    /** @return the framework's storage, {@code <data>/felix-cache} */
    Path cacheDir() {
        return dataDir.resolve("felix-cache");
    }

    private static int port(String property, int fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out of range number
        }
        throw new IllegalArgumentException(property + "='" + value + "': expected a port number 1..65535");
    }

    /** The folder of the gateway jar (or of target/classes when run from an IDE), so the jar runs from anywhere. */
    private static Path jarDir() {
        try {
            Path code = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the gateway jar", e);
        }
    }
}
