package dev.tether.mqtt.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.tether.mqtt.MqttService;

/**
 * The {@link MqttService}s by connection name, as DS binds and unbinds them on its threads while
 * commands read them on theirs; sorted, so every listing is in name order.
 */
final class ConnectionRegistry {

    /** Said wherever there is no connection at all. */
    static final String NONE_CONFIGURED = "no MQTT connection is configured";

    private final Map<String, MqttService> byName = new ConcurrentSkipListMap<>();

    void add(String name, MqttService service) {
        byName.put(name, service);
    }

    /** Removes the service only if it is still the one registered under the name. */
    void remove(String name, MqttService service) {
        byName.remove(name, service);
    }

    /** @return whether the service is still registered, for commands that run a while */
    boolean contains(MqttService service) {
        return byName.containsValue(service);
    }

    /** @return every connection, in name order */
    List<MqttService> all() {
        return List.copyOf(byName.values());
    }

    /**
     * @param name      a connection name; empty or null to pick the default
     * @param howToName how the command takes a name ({@code -c}, {@code mqtt:reconnect <name>}), for the message
     *     asking for one
     * @return the named connection; without a name, {@value MqttService#DEFAULT_CONNECTION} or else the
     *     only connection there is
     * @throws UsageException when there is no such connection, or none without a name, naming the ones there are
     */
    MqttService select(String name, String howToName) {
        if (name != null && !name.isEmpty()) {
            MqttService service = byName.get(name);
            if (service == null) {
                throw new UsageException("no MQTT connection named '" + name + "'; " + known());
            }
            return service;
        }
        MqttService standard = byName.get(MqttService.DEFAULT_CONNECTION);
        if (standard != null) {
            return standard;
        }
        List<MqttService> all = all();
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.isEmpty()) {
            throw new UsageException(NONE_CONFIGURED);
        }
        throw new UsageException("there is no connection named '" + MqttService.DEFAULT_CONNECTION
            + "'; choose one with " + howToName + ": " + String.join(", ", byName.keySet()));
    }

    private String known() {
        return byName.isEmpty() ? NONE_CONFIGURED : "known connections: " + String.join(", ", byName.keySet());
    }
}
