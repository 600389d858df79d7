package dev.tether.mqtt.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.connection.ClockCheck;
import dev.tether.mqtt.internal.connection.ManagedConnection;

/**
 * Keeps one configuration's connection and its {@link MqttService} registration in step with the
 * configuration: registered while enabled, the same service across changes, re-created only when
 * the connection's name changes. Each bundle gets its own {@link BundleScopedMqttService}.
 */
final class ConnectionHost {

    private final BundleContext context;
    private final Logger logger;
    private final WhiteboardListeners whiteboard;
    private ManagedConnection connection;
    private ServiceRegistration<MqttService> registration;
    private String registeredServer;

    ConnectionHost(BundleContext context, Logger logger, WhiteboardListeners whiteboard) {
        this.context = context;
        this.logger = logger;
        this.whiteboard = whiteboard;
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
        if (connection == null) {
            start(configuration);
        }
        connection.apply(configuration);
        if (!Objects.equals(registeredServer, configuration.server())) {
            registration.setProperties(properties(configuration));
            registeredServer = configuration.server();
        }
    }

    private void start(ParsedConfiguration configuration) {
        java.io.File dataArea = context.getDataFile("queues");
        connection = new ManagedConnection(configuration.name(), logger,
            ClockCheck.system(BuildTime.of(context.getBundle())), dataArea == null ? null : dataArea.toPath());
        whiteboard.attach(connection, logger);
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
        }, properties(configuration));
        registeredServer = configuration.server();
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
        if (connection != null) {
            whiteboard.detach();
            connection.close();
            connection = null;
        }
    }

    private static Dictionary<String, Object> properties(ParsedConfiguration configuration) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MqttService.CONNECTION_PROPERTY, configuration.name());
        properties.put(MqttService.SERVER_PROPERTY, configuration.server());
        return properties;
    }
}
