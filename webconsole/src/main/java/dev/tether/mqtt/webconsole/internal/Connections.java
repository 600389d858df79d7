package dev.tether.mqtt.webconsole.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.tether.mqtt.MqttService;

/**
 * The bound {@link MqttService}s by connection name, in page order: {@code default} first, then by
 * name. Thread safe: DS binds and unbinds while requests read.
 */
final class Connections {

    static final Comparator<String> PAGE_ORDER = Comparator
        .comparing((String name) -> !MqttService.DEFAULT_CONNECTION.equals(name))
        .thenComparing(Comparator.naturalOrder());

    // A list per name: Tether keeps names unique, but while a configuration moves from one
    // service to the next both may be bound for a moment, in either order.
    private final ConcurrentNavigableMap<String, List<MqttService>> byName = new ConcurrentSkipListMap<>(PAGE_ORDER);

    void add(String name, MqttService service) {
        byName.compute(name, (key, services) -> {
            List<MqttService> more = services == null ? new ArrayList<>() : new ArrayList<>(services);
            more.add(service);
            return List.copyOf(more);
        });
    }

    void remove(String name, MqttService service) {
        byName.computeIfPresent(name, (key, services) -> {
            List<MqttService> rest = new ArrayList<>(services);
            rest.remove(service);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
    }

    /** @return the service most recently bound under the name */
    Optional<MqttService> get(String name) {
        List<MqttService> services = byName.get(name);
        return services == null ? Optional.empty() : Optional.of(services.get(services.size() - 1));
    }

    /** @return every connection's status, in page order; asks each service once */
    List<ConnectionSnapshot> snapshot() {
        List<ConnectionSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, services) ->
            snapshots.add(ConnectionSnapshot.of(name, services.get(services.size() - 1))));
        return snapshots;
    }
}
