package dev.tether.gateway;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** Prints what an operator needs once the gateway runs: where the console is, how to log in, how to try MQTT. */
final class GatewayBanner {

    private GatewayBanner() {
    }

    /**
     * @param out          where to print
     * @param settings     the gateway's settings
     * @param brokerStatus one line on the embedded broker
     * @param config       Tether's configuration file
     * @param bundles      the deployed bundles
     * @param startMillis  milliseconds from JVM start to this point
     */
    static void print(PrintStream out, GatewaySettings settings, String brokerStatus, Path config,
                      List<Bundle> bundles, long startMillis) {
        long active = bundles.stream().filter(b -> b.getState() == Bundle.ACTIVE).count();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%nTether gateway started in %d ms: %d of %d bundles active%n",
            startMillis, active, bundles.size()));
        for (Bundle bundle : bundles) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                text.append(String.format("  NOT ACTIVE:    %s %s (%s)%n", bundle.getSymbolicName(),
                    bundle.getVersion(), state(bundle.getState())));
            }
        }
        text.append(String.format("  Web console:   http://localhost:%d/system/console/configMgr  (\"Tether MQTT\": the settings)%n",
            settings.httpPort()));
        text.append(String.format("  Status page:   http://localhost:%d/system/console/tether  (connections, reconnect now)%n",
            settings.httpPort()));
        text.append(String.format("  Login:         %s / %s%n", GatewaySettings.CONSOLE_USER,
            settings.defaultPassword()
                ? settings.consolePassword() + "  (the default: change it with -Dtether.console.password=...)"
                : "(from -Dtether.console.password)"));
        text.append(String.format("  MQTT broker:   %s%n", brokerStatus));
        String server = DefaultConfiguration.server(config);
        text.append(String.format("  Tether server: %s%n", server));
        text.append(String.format("  Tether config: %s (PID %s; FileInstall watches %s)%n", config,
            DefaultConfiguration.TETHER_PID, settings.confDir()));
        text.append(String.format("  Data:          %s%n", settings.dataDir()));
        String host = clientArguments(server);
        if (host != null) {
            if (!(onPath("mosquitto_sub") && onPath("mosquitto_pub"))) {
                text.append("  MQTT clients:  install the Mosquitto clients (Debian: mosquitto-clients) for these:\n");
            }
            text.append(String.format("  Watch:         mosquitto_sub %s -t 'tether/#' -v   (health every 10 s, replies)%n",
                host));
            text.append(String.format("  Ping:          mosquitto_pub %s -t tether/<client id>/cmd/ping -m hello%n",
                host));
        }
        text.append(System.console() != null
            ? "  Gogo shell:    mqtt:status, mqtt:metrics, mqtt:pub <topic> <payload>, mqtt:sub <filter>, mqtt:reconnect;"
                + " 'help' for more; 'stop 0' quits\n"
            : "  Gogo shell:    off (no terminal attached); stop with Ctrl-C or SIGTERM\n");
        out.print(text);
        out.flush();
    }

    /** @return {@code -h HOST -p PORT} for a plain TCP server, or null (TLS and WebSocket need more options) */
    static String clientArguments(String server) {
        String address = server.replaceFirst("^(tcp|mqtt)://", "");
        if (address.contains("://")) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        String port = colon < 0 ? "1883" : address.substring(colon + 1);
        return host.isEmpty() || !port.matches("[0-9]{1,5}") ? null : "-h " + host + " -p " + port;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed: did not resolve";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + state;
        };
    }
}
