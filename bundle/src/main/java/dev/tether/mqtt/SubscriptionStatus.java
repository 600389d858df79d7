package dev.tether.mqtt;

import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One topic filter a connection keeps subscribed, as part of a {@link ConnectionStatus}: listeners
 * whose filters are equal share one subscription at the broker.
 */
@ProviderType
public interface SubscriptionStatus {

    /** @return the topic filter, as sent to the broker */
    String topicFilter();

    /** @return the QoS asked of the broker: the highest any of the listeners asked for, capped by {@code max_qos} */
    int qos();

    /**
     * @return the QoS the broker granted for the filter in the current session, from its SUBACK: at most
     *         {@link #qos()}, and lower where the broker grants less (RabbitMQ grants at most 1); empty while not
     *         connected, before the broker answered, or when it refused the filter. Since 1.3.
     */
    default OptionalInt grantedQos() {
        return OptionalInt.empty();
    }

    /**
     * @return the reason code with which the broker refused the filter in the current session: an MQTT 5 SUBACK
     *         reason code (for example 0x87 Not authorized, 0x9E Shared Subscriptions not supported), or 0x80 on
     *         MQTT 3.1.1; empty unless refused. Since 1.4.
     */
    default OptionalInt refusalCode() {
        return OptionalInt.empty();
    }

    /**
     * @return the MQTT 5 Subscription Identifier Tether subscribes the filter with, which the messages the broker sends
     *         for it carry ({@link MqttMessage#subscriptionIdentifiers()}); empty on MQTT 3.1.1 and where the broker
     *         takes none. Since 1.4.
     */
    default OptionalInt subscriptionIdentifier() {
        return OptionalInt.empty();
    }

    /** @return how many listeners (subscriptions through the API and whiteboard listeners) share the filter */
    int listenerCount();
}
