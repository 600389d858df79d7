package dev.tether.mqtt.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.internal.config.ClientIds;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;

/**
 * What the default and the named connection components share: read the configuration, hand it to
 * a {@link ConnectionHost}, and feed it whiteboard listeners. Nothing thrown here reaches SCR: a bad
 * configuration becomes a status, not an exception. (bnd reads these annotations through
 * {@code -dsannotations-options: inherit}.)
 */
abstract class ConnectionComponent {

    @Reference(service = LoggerFactory.class)
    Logger logger;

    private final WhiteboardListeners whiteboard = new WhiteboardListeners();
    private SettingsParser parser;
    private ConnectionHost host;

    /** @return the configuration read from the component properties */
    abstract ParsedConfiguration parse(SettingsParser settingsParser, Map<String, Object> properties);

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        parser = new SettingsParser(context.getProperty("device.id"), ClientIds.localHostName());
        host = new ConnectionHost(context, logger, whiteboard);
        configure(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() {
        try {
            host.close();
        } catch (RuntimeException e) {
            logger.error("Stopping the MQTT connection failed", e);
        }
    }

    private void configure(Map<String, Object> properties) {
        try {
            host.configure(parse(parser, properties));
        } catch (RuntimeException e) {
            logger.error("Applying the MQTT configuration {} failed", properties.get("service.pid"), e);
        }
    }

    @Reference(service = MqttMessageListener.class, cardinality = ReferenceCardinality.MULTIPLE,
        policy = ReferencePolicy.DYNAMIC, target = "(" + MqttMessageListener.TOPIC_PROPERTY + "=*)",
        unbind = "removeMessageListener", updated = "updatedMessageListener")
    void addMessageListener(MqttMessageListener listener, Map<String, Object> properties) {
        whiteboard.add(listener, properties);
    }

    void updatedMessageListener(MqttMessageListener listener, Map<String, Object> properties) {
        whiteboard.update(listener, properties);
    }

    void removeMessageListener(MqttMessageListener listener, Map<String, Object> properties) {
        whiteboard.remove(properties);
    }
}
