package dev.tether.mqtt.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.internal.config.LogForwarding;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.connection.ClockCheck;
import dev.tether.mqtt.internal.connection.ConnectionEvents;
import dev.tether.mqtt.internal.connection.ManagedConnection;
import dev.tether.mqtt.internal.events.EventAdminTracker;
import dev.tether.mqtt.internal.health.HealthChecks;
import dev.tether.mqtt.internal.jmx.ConnectionBeans;
import dev.tether.mqtt.internal.logs.ForwardedLog;

/**
 * Keeps one configuration's connection and its {@link MqttService} registration in step with the
 * configuration: registered while enabled, the same service across changes, re-created only when
 * the connection's name changes. Each bundle gets its own {@link BundleScopedMqttService}.
 */
final class ConnectionHost {

    private final BundleContext context;
    private final Logger logger;
    private final WhiteboardListeners whiteboard;
    private final EventAdminTracker eventAdmin;
    private ManagedConnection connection;
    private ConnectionEvents eventAdminEvents = ConnectionEvents.NONE;
    private boolean cloudEvents;
    private ForwardedLog forwardedLog;
    private ServiceRegistration<MqttService> registration;
    /** The connection's JMX bean and health check, while it lives. */
    private AutoCloseable bean = () -> { };
    private AutoCloseable healthCheck = () -> { };
    /** The server and client id in the registration's properties, which change with the configuration. */
    private Dictionary<String, Object> registeredProperties;

    ConnectionHost(BundleContext context, Logger logger, WhiteboardListeners whiteboard) {
        this.context = context;
        this.logger = logger;
        this.whiteboard = whiteboard;
        this.eventAdmin = new EventAdminTracker(context, this::eventAdminChanged);
        eventAdmin.open();
    }

    private synchronized void eventAdminChanged(ConnectionEvents events) {
        eventAdminEvents = events;
        announceEvents();
    }

    /** Connection events go to EventAdmin while there is one and {@code cloud_events} is on. */
    private void announceEvents() {
        if (connection != null) {
            connection.events(cloudEvents ? eventAdminEvents : ConnectionEvents.NONE);
        }
    }

    synchronized void configure(ParsedConfiguration configuration) {
        if (!configuration.enabled()) {
            if (connection != null) {
                logger.info("Connection {}: disabled (enable=false)", connection.name());
            }
            stop();
            return;
        }
        if (connection != null && !connection.name().equals(configuration.name())) {
            stop();
        }
        boolean starting = connection == null;
        if (starting) {
            start(configuration);
        }
        cloudEvents = configuration.cloudEvents();
        announceEvents();
        connection.apply(configuration);
        forwardLog(configuration.logForwarding());
        whiteboard.clientId(configuration.clientId());
        Dictionary<String, Object> properties = properties(configuration);
        if (starting) {
            // only now: a bundle that publishes as soon as the service appears finds its queue and settings in place
            register(properties);
        } else if (!registeredProperties.equals(properties)) {
            registration.setProperties(properties);
            registeredProperties = properties;
        }
    }

    private void start(ParsedConfiguration configuration) {
        java.io.File dataArea = context.getDataFile("queues");
        connection = new ManagedConnection(configuration.name(), logger,
            ClockCheck.system(BuildTime.of(context.getBundle())), dataArea == null ? null : dataArea.toPath());
        whiteboard.attach(connection, logger, configuration.clientId());
        bean = ConnectionBeans.register(connection, logger);
        healthCheck = HealthChecks.register(context, connection);
    }

    private void register(Dictionary<String, Object> properties) {
        ManagedConnection registered = connection;
        registration = context.registerService(MqttService.class, new ServiceFactory<>() {
            @Override
            public MqttService getService(Bundle bundle, ServiceRegistration<MqttService> reg) {
                return new BundleScopedMqttService(registered);
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<MqttService> reg, MqttService service) {
                ((BundleScopedMqttService) service).release();
            }
        }, properties);
        registeredProperties = properties;
    }

    /** Starts, changes or ends log forwarding ({@code debug.*}) to match the configuration. */
    private void forwardLog(LogForwarding wanted) {
        if (forwardedLog != null && forwardedLog.settings().equals(wanted)) {
            return;
        }
        stopForwardingLog();
        if (wanted.active().isPresent()) {
            forwardedLog = new ForwardedLog(context, connection, wanted);
        }
    }

    private void stopForwardingLog() {
        if (forwardedLog != null) {
            forwardedLog.close();
            forwardedLog = null;
        }
    }

    /** Stops the connection and stops following EventAdmin: the component is going away. */
    void close() {
        stop();
        eventAdmin.close();
    }

    synchronized void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
        stopForwardingLog();
        close(healthCheck);
        close(bean);
        healthCheck = () -> { };
        bean = () -> { };
        if (connection != null) {
            whiteboard.detach();
            connection.close();
            connection = null;
        }
    }

    private void close(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            logger.debug("unregistering {} failed: {}", registration, e.toString());
        }
    }

    private static Dictionary<String, Object> properties(ParsedConfiguration configuration) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttService.CONNECTION_PROPERTY, configuration.name());
        properties.put(MqttService.SERVER_PROPERTY, configuration.server());
        properties.put(MqttService.CLIENT_ID_PROPERTY, configuration.clientId());
        return properties;
    }
}
