package dev.tether.mqtt;

import java.util.Objects;

/**
 * How to subscribe to a topic filter, for {@link MqttService#subscribe(String, SubscriptionOptions,
 * MqttMessageListener)}: the QoS and the MQTT 5 subscription options. On MQTT 3.1.1 only the QoS is sent. Subscriptions
 * of several listeners to one filter share one broker subscription: the highest QoS, No Local only when every one of
 * them asks for it, Retain As Published when any does, and the retain handling that sends the most. Since 1.4.
 *
 * @param qos               the maximum QoS to receive, 0..2
 * @param noLocal           MQTT 5: do not receive the messages this connection publishes itself
 * @param retainAsPublished MQTT 5: keep the RETAIN flag a message was published with, instead of clearing it on
 *                          messages delivered live
 * @param retainHandling    MQTT 5: when the broker sends retained messages on subscribing
 */
public record SubscriptionOptions(int qos, boolean noLocal, boolean retainAsPublished,
        RetainHandling retainHandling) {

    /** When the broker sends the retained messages that match a new subscription (MQTT 5, 3.8.3.1). */
    public enum RetainHandling {
        /** At every subscribe: MQTT 3.1.1's behaviour. */
        SEND_ON_SUBSCRIBE,
        /** Only when the subscription did not exist yet in the broker's session. */
        SEND_IF_NEW_SUBSCRIPTION,
        /** Never. */
        DO_NOT_SEND
    }

    public SubscriptionOptions {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
        Objects.requireNonNull(retainHandling, "retainHandling");
    }

    /** @return the options of a plain subscription at a QoS, as MQTT 3.1.1 knows it */
    public static SubscriptionOptions qos(int qos) {
        return new SubscriptionOptions(qos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
    }

    /** @return these options with No Local set */
    public SubscriptionOptions withNoLocal(boolean value) {
        return new SubscriptionOptions(qos, value, retainAsPublished, retainHandling);
    }

    /** @return these options with Retain As Published set */
    public SubscriptionOptions withRetainAsPublished(boolean value) {
        return new SubscriptionOptions(qos, noLocal, value, retainHandling);
    }

    /** @return these options with another retain handling */
    public SubscriptionOptions withRetainHandling(RetainHandling value) {
        return new SubscriptionOptions(qos, noLocal, retainAsPublished, value);
    }
}
