package dev.tether.mqtt;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives MQTT messages.
 * <p>
 * Pass it to {@link MqttService#subscribe}, or register it as a whiteboard service with the
 * service property {@value #TOPIC_PROPERTY} (a String or String[] of topic filters), optionally
 * {@value #QOS_PROPERTY} (0, 1 or 2; default 0) and {@value MqttService#CONNECTION_PROPERTY}
 * (default {@value MqttService#DEFAULT_CONNECTION}): Tether subscribes it while it is registered and
 * re-subscribes it after every reconnect and configuration change. In whiteboard filters,
 * {@value #CLIENT_ID_PLACEHOLDER} stands for the connection's client id (see
 * {@link MqttService#CLIENT_ID_PROPERTY}), so {@code tether/{client_id}/cmd/#} follows the device's id
 * when the configuration changes it.
 * <p>
 * Called on a Tether thread, one message at a time per listener, in arrival order. A whiteboard
 * listener whose filters overlap receives each message once. Exceptions are logged and ignored.
 */
@ConsumerType
@FunctionalInterface
public interface MqttMessageListener {

    /** Whiteboard service property: the topic filter or filters to subscribe to. */
    String TOPIC_PROPERTY = "mqtt.topic";

    /** In a whiteboard topic filter: replaced by the connection's client id. */
    String CLIENT_ID_PLACEHOLDER = "{client_id}";

    /** Whiteboard service property: the QoS to subscribe with, 0..2; default 0. */
    String QOS_PROPERTY = "mqtt.qos";

    /** Whiteboard service property: MQTT 5 No Local, {@code true} or {@code false}; default false. Since 1.4. */
    String NO_LOCAL_PROPERTY = "mqtt.no_local";

    /** Whiteboard service property: MQTT 5 Retain As Published, {@code true} or {@code false}; default false. Since 1.4. */
    String RETAIN_AS_PUBLISHED_PROPERTY = "mqtt.retain_as_published";

    /**
     * Whiteboard service property: MQTT 5 Retain Handling, {@code send_on_subscribe} (the default),
     * {@code send_if_new_subscription} or {@code do_not_send} (or 0, 1, 2). Since 1.4.
     */
    String RETAIN_HANDLING_PROPERTY = "mqtt.retain_handling";

    /**
     * Handles one message.
     *
     * @param message the message; its payload array belongs to the listener
     */
    void messageArrived(MqttMessage message);
}
