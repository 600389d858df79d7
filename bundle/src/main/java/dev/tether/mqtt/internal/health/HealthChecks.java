package dev.tether.mqtt.internal.health;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * Registers a health check per connection where the Apache Felix Health Checks API is installed: its import is
 * optional, and without it no class of that API is touched. The check is tagged {@value #TAG}, and named after the
 * connection.
 */
public final class HealthChecks {

    /** The tag of every Tether health check ({@code hc.tags}). */
    public static final String TAG = "tether";
    private static final String HEALTH_CHECK = "org.apache.felix.hc.api.HealthCheck";

    private HealthChecks() {
    }

    /** @return a registration to close, which unregisters the check; nothing happens without the API */
    public static AutoCloseable register(BundleContext context, ManagedConnection connection) {
        if (!wired()) {
            return () -> { };
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("hc.name", "Tether MQTT connection " + connection.name());
        properties.put("hc.tags", new String[] {TAG, "mqtt", "tether-" + connection.name()});
        ServiceRegistration<?> registration = context.registerService(HEALTH_CHECK,
            new ConnectionHealthCheck(connection), properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        };
    }

    private static boolean wired() {
        try {
            Class.forName(HEALTH_CHECK, false, HealthChecks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
