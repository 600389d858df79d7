package dev.tether.mqtt.internal.jmx;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * Registers a connection's {@link ConnectionMXBean} with the platform MBean server, which Karaf, Felix and Equinox
 * all have, as {@code dev.tether.mqtt:type=Connection,name=<name>}; and unregisters it. JMX is an aid: a failure to
 * register is logged and the connection goes on without it.
 */
public final class ConnectionBeans {

    private ConnectionBeans() {
    }

    /** @return the object name of a connection's bean */
    public static ObjectName name(String connection) {
        try {
            return new ObjectName("dev.tether.mqtt:type=Connection,name=" + quoted(connection));
        } catch (JMException e) {
            throw new IllegalArgumentException("no JMX name for connection '" + connection + "'", e);
        }
    }

    /** Names made of letters, digits, '-', '_' and '.' stay as they are; others are quoted as JMX requires. */
    private static String quoted(String name) {
        return name.matches("[A-Za-z0-9._-]+") ? name : ObjectName.quote(name);
    }

    /** @return a registration to close, which unregisters the bean */
    public static AutoCloseable register(ManagedConnection connection, Logger logger) {
        ObjectName name = name(connection.name());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new ConnectionBean(connection), name);
        } catch (JMException | RuntimeException e) {
            logger.warn("Connection {}: not shown over JMX as {}: {}", connection.name(), name, e.toString());
            return () -> { };
        }
        return () -> {
            try {
                server.unregisterMBean(name);
            } catch (JMException | RuntimeException e) {
                // gone already
            }
        };
    }
}
