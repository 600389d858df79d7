package dev.tether.mqtt;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A subscription made through {@link MqttService#subscribe}. Closing it stops delivery at once and
 * unsubscribes at the broker when no other subscription uses the same filter.
 */
@ProviderType
public interface MqttSubscription extends Registration {

    /** @return the topic filter */
    String topicFilter();

    /** @return the QoS asked for, after capping at {@code max_qos} */
    int qos();

    /** @return the options asked for, with the QoS capped at {@code max_qos}. Since 1.4. */
    default SubscriptionOptions options() {
        return SubscriptionOptions.qos(qos());
    }

    /**
     * @return completes when the broker has first acknowledged this filter after the subscribe
     *     call (at once if it already had); fails with {@link MqttServiceException} if the broker
     *     rejected the filter. Delivery does not wait for it.
     */
    CompletionStage<Void> acknowledged();
}
