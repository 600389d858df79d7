package dev.tether.mqtt;

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

    /** @return how many listeners (subscriptions through the API and whiteboard listeners) share the filter */
    int listenerCount();
}
