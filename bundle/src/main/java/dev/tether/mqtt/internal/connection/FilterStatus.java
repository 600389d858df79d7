package dev.tether.mqtt.internal.connection;

import java.util.OptionalInt;

import dev.tether.mqtt.SubscriptionStatus;

/** An immutable {@link SubscriptionStatus}. */
record FilterStatus(String topicFilter, int qos, int listenerCount, OptionalInt grantedQos, OptionalInt refusalCode,
        OptionalInt subscriptionIdentifier) implements SubscriptionStatus {

    /** What the broker answered for each filter in the current session. */
    interface BrokerAnswers {
        BrokerAnswers NONE = new BrokerAnswers() {
        };

        default OptionalInt granted(String filter) {
            return OptionalInt.empty();
        }

        default OptionalInt refusal(String filter) {
            return OptionalInt.empty();
        }

        default OptionalInt identifier(String filter) {
            return OptionalInt.empty();
        }
    }
}
