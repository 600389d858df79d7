package dev.tether.mqtt.internal.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What has been asked of the broker in the current session, so that the registry's wishes turn
 * into the fewest SUBSCRIBE and UNSUBSCRIBE packets. Confined to the connection's thread.
 */
final class BrokerSubscriptions {

    /** The packets to send to bring the broker in line with the wishes. */
    record Plan(Map<String, Integer> subscribe, List<String> unsubscribe) {
        boolean isEmpty() {
            return subscribe.isEmpty() && unsubscribe.isEmpty();
        }
    }

    private final Map<String, Integer> requested = new HashMap<>();
    private final Map<String, Integer> confirmed = new HashMap<>();
    private final Map<String, Integer> granted = new HashMap<>();

    /** A new session starts with nothing subscribed. */
    void clear() {
        requested.clear();
        confirmed.clear();
        granted.clear();
    }

    /** Records the plan as requested; the caller sends it. */
    Plan plan(Map<String, Integer> desired) {
        Map<String, Integer> subscribe = new LinkedHashMap<>();
        desired.forEach((filter, qos) -> {
            Integer current = requested.get(filter);
            if (current == null || current < qos) {
                subscribe.put(filter, qos);
                requested.put(filter, qos);
            }
        });
        List<String> unsubscribe = new ArrayList<>();
        for (String filter : List.copyOf(requested.keySet())) {
            if (!desired.containsKey(filter)) {
                unsubscribe.add(filter);
                requested.remove(filter);
                confirmed.remove(filter);
                granted.remove(filter);
            }
        }
        return new Plan(subscribe, unsubscribe);
    }

    /** The broker granted {@code grantedQos} for the filter, asked for at {@code askedQos}. */
    void confirm(String filter, int askedQos, int grantedQos) {
        if (requested.containsKey(filter)) {
            confirmed.merge(filter, askedQos, Math::max);
            granted.put(filter, grantedQos);
        }
    }

    /** A rejected filter stays requested, so it is not asked for again until the next session. */
    void reject(String filter) {
        confirmed.remove(filter);
        granted.remove(filter);
    }

    /** @return the QoS the broker granted, by filter, for the filters it accepted */
    Map<String, Integer> granted() {
        return Map.copyOf(granted);
    }

    boolean isConfirmed(String filter, int qos) {
        Integer asked = confirmed.get(filter);
        return asked != null && asked >= qos;
    }

    int size() {
        return requested.size();
    }
}
