package dev.tether.mqtt.internal.connection;

import dev.tether.mqtt.SubscriptionStatus;

/** An immutable {@link SubscriptionStatus}. */
record FilterStatus(String topicFilter, int qos, int listenerCount) implements SubscriptionStatus {
}
