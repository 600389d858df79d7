package dev.tether.mqtt.internal.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What has been asked of the broker in the current session, so that the registry's wishes turn
 * into the fewest SUBSCRIBE and UNSUBSCRIBE packets, and what it answered. Changed by the connection's state
 * machine only; what the broker granted is read by status from any thread.
 */
final class BrokerSubscriptions {

    /** The packets to send to bring the broker in line with the wishes. */
    record Plan(Map<String, Integer> subscribe, List<String> unsubscribe) {
        boolean isEmpty() {
            return subscribe.isEmpty() && unsubscribe.isEmpty();
        }
    }

    /** What the session asked for one filter, and what the broker answered; written by the state machine only. */
    private static final class Asked {
        private volatile int requested;
        private volatile int confirmed = NONE;
        private volatile int granted = NONE;

        Asked(int requested) {
            this.requested = requested;
        }
    }

    private static final int NONE = -1;

    /** Changed by the state machine; {@link #granted(String)} reads it from any thread. */
    private final Map<String, Asked> filters = new ConcurrentHashMap<>();

    /** A new session starts with nothing subscribed. */
    void clear() {
        filters.clear();
    }

    /** Records the plan as requested; the caller sends it. */
    Plan plan(Map<String, Integer> desired) {
        Map<String, Integer> subscribe = new LinkedHashMap<>();
        desired.forEach((filter, qos) -> {
            Asked asked = filters.get(filter);
            if (asked == null) {
                filters.put(filter, new Asked(qos));
                subscribe.put(filter, qos);
            } else if (asked.requested < qos) {
                asked.requested = qos;
                subscribe.put(filter, qos);
            }
        });
        List<String> unsubscribe = new ArrayList<>();
        for (String filter : List.copyOf(filters.keySet())) {
            if (!desired.containsKey(filter)) {
                unsubscribe.add(filter);
                filters.remove(filter);
            }
        }
        return new Plan(subscribe, unsubscribe);
    }

    /** The broker granted {@code grantedQos} for the filter, asked for at {@code askedQos}. */
    void confirm(String filter, int askedQos, int grantedQos) {
        Asked asked = filters.get(filter);
        if (asked != null) {
            asked.confirmed = Math.max(asked.confirmed, askedQos);
            asked.granted = grantedQos;
        }
    }

    /** A rejected filter stays requested, so it is not asked for again until the next session. */
    void reject(String filter) {
        Asked asked = filters.get(filter);
        if (asked != null) {
            asked.confirmed = NONE;
            asked.granted = NONE;
        }
    }

    /** @return the QoS the broker granted for the filter in this session; empty if none (yet) */
    OptionalInt granted(String filter) {
        Asked asked = filters.get(filter);
        return asked == null || asked.granted == NONE ? OptionalInt.empty() : OptionalInt.of(asked.granted);
    }

    boolean isConfirmed(String filter, int qos) {
        Asked asked = filters.get(filter);
        return asked != null && asked.confirmed >= qos;
    }

    int size() {
        return filters.size();
    }
}
