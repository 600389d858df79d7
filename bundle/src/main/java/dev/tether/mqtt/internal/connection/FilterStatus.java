package dev.tether.mqtt.internal.connection;

import java.util.OptionalInt;

import dev.tether.mqtt.SubscriptionStatus;

/** An immutable {@link SubscriptionStatus}. */
record FilterStatus(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos)
        implements SubscriptionStatus {
}
