package dev.tether.mqtt.internal.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import dev.tether.mqtt.SubscriptionOptions;

/**
 * What has been asked of the broker in the current session, so that the registry's wishes turn into the fewest
 * SUBSCRIBE and UNSUBSCRIBE packets, and what it answered: the QoS granted, or the code it refused with. Each filter
 * keeps one Subscription Identifier while it is wanted, so the messages an MQTT 5 broker sends for it say so.
 * Changed by the connection's state machine only; what the broker answered is read by status from any thread.
 */
final class BrokerSubscriptions {

    /** The packets to send to bring the broker in line with the wishes. */
    record Plan(Map<String, SubscriptionOptions> subscribe, List<String> unsubscribe) {
        boolean isEmpty() {
            return subscribe.isEmpty() && unsubscribe.isEmpty();
        }
    }

    /** What the session asked for one filter, and what the broker answered; written by the state machine only. */
    private static final class Asked {
        private volatile SubscriptionOptions requested;
        private volatile int confirmedQos = NONE;
        private volatile int granted = NONE;
        private volatile int refusal = NONE;

        Asked(SubscriptionOptions requested) {
            this.requested = requested;
        }
    }

    private static final int NONE = -1;
    /** The largest Subscription Identifier (a Variable Byte Integer, MQTT 5.0, 3.8.2.1.2). */
    private static final int MAX_IDENTIFIER = 268_435_455;

    /** Changed by the state machine; {@link #granted(String)} reads it from any thread. */
    private final Map<String, Asked> filters = new ConcurrentHashMap<>();
    /** Kept across sessions while the filter is wanted. Read from any thread. */
    private final Map<String, Integer> identifiers = new ConcurrentHashMap<>();
    /** The same, the other way round, for messages that carry identifiers. */
    private final Map<Integer, String> filtersByIdentifier = new ConcurrentHashMap<>();
    private int lastIdentifier;

    /** A new session starts with nothing subscribed. */
    void clear() {
        filters.clear();
    }

    /**
     * Records the plan as requested; the caller sends it. A filter is subscribed again only when a subscriber wants
     * more of it than was asked (a higher QoS, say), with the options combined so nobody gets less: a subscribe
     * replaces the broker's subscription [MQTT-3.8.4-3] and sends its retained messages again, which the listeners
     * that stay would see twice if a departure lowered the options.
     */
    Plan plan(Map<String, SubscriptionOptions> desired) {
        Map<String, SubscriptionOptions> subscribe = new LinkedHashMap<>();
        desired.forEach((filter, options) -> {
            Asked asked = filters.get(filter);
            if (asked == null) {
                filters.put(filter, new Asked(options));
                subscribe.put(filter, options);
            } else if (!covers(asked.requested, options)) {
                asked.requested = SubscriptionRegistry.combine(asked.requested, options);
                subscribe.put(filter, asked.requested);
            }
            identifiers.computeIfAbsent(filter, f -> {
                int identifier = nextIdentifier();
                filtersByIdentifier.put(identifier, f);
                return identifier;
            });
        });
        List<String> unsubscribe = new ArrayList<>();
        for (String filter : List.copyOf(filters.keySet())) {
            if (!desired.containsKey(filter)) {
                unsubscribe.add(filter);
                filters.remove(filter);
            }
        }
        identifiers.keySet().retainAll(desired.keySet());
        filtersByIdentifier.values().retainAll(desired.keySet());
        return new Plan(subscribe, unsubscribe);
    }

    /** @return whether a subscription with {@code asked} gives a subscriber everything {@code wanted} asks for */
    static boolean covers(SubscriptionOptions asked, SubscriptionOptions wanted) {
        return asked.qos() >= wanted.qos() && (!asked.noLocal() || wanted.noLocal())
            && (asked.retainAsPublished() || !wanted.retainAsPublished())
            && asked.retainHandling().ordinal() <= wanted.retainHandling().ordinal();
    }

    private int nextIdentifier() {
        lastIdentifier = lastIdentifier == MAX_IDENTIFIER ? 1 : lastIdentifier + 1;
        return lastIdentifier;
    }

    /** The broker granted {@code grantedQos} for the filter, asked for at {@code askedQos}. */
    void confirm(String filter, int askedQos, int grantedQos) {
        Asked asked = filters.get(filter);
        if (asked != null) {
            asked.confirmedQos = Math.max(asked.confirmedQos, askedQos);
            asked.granted = grantedQos;
            asked.refusal = NONE;
        }
    }

    /** A rejected filter stays requested, so it is not asked for again until the next session or another change. */
    void reject(String filter, int code) {
        Asked asked = filters.get(filter);
        if (asked != null) {
            asked.confirmedQos = NONE;
            asked.granted = NONE;
            asked.refusal = code;
        }
    }

    /** @return the QoS the broker granted for the filter in this session; empty if none (yet) */
    OptionalInt granted(String filter) {
        Asked asked = filters.get(filter);
        return asked == null || asked.granted == NONE ? OptionalInt.empty() : OptionalInt.of(asked.granted);
    }

    /** @return the code with which the broker refused the filter in this session; empty unless refused */
    OptionalInt refusal(String filter) {
        Asked asked = filters.get(filter);
        return asked == null || asked.refusal == NONE ? OptionalInt.empty() : OptionalInt.of(asked.refusal);
    }

    /** @return the Subscription Identifier the filter is subscribed with; empty when it is not wanted */
    OptionalInt identifier(String filter) {
        Integer identifier = identifiers.get(filter);
        return identifier == null ? OptionalInt.empty() : OptionalInt.of(identifier);
    }

    /** @return the filter subscribed with the identifier; null when none is; any thread */
    String filterOf(int identifier) {
        return filtersByIdentifier.get(identifier);
    }

    boolean isConfirmed(String filter, int qos) {
        Asked asked = filters.get(filter);
        return asked != null && asked.confirmedQos >= qos;
    }

    int size() {
        return filters.size();
    }

}
