package dev.tether.mqtt.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.tether.mqtt.MqttService;

/**
 * Resolves an empty {@code client_id}: the framework property {@code device.id}, else an id
 * derived from the host name, so a gateway keeps its id across restarts. Named connections append
 * their name: two connections with one id would throw each other off the same broker.
 */
public final class ClientIds {

    private ClientIds() {
    }

    public static String resolve(String configured, String connectionName, String deviceId, String hostName) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String base = deviceId == null || deviceId.isBlank() ? "tether-" + sanitize(hostName) : deviceId.trim();
        return MqttService.DEFAULT_CONNECTION.equals(connectionName) ? base : base + "-" + connectionName;
    }

    public static String localHostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }

    private static String sanitize(String hostName) {
        String cleaned = hostName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return cleaned.isEmpty() ? "gateway" : cleaned;
    }
}
