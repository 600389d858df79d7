package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * UNSUBSCRIBE (MQTT 3.1.1, 3.10).
 *
 * @param packetId   1..65535
 * @param filters    at least one topic filter
 * @param properties MQTT 5 UNSUBSCRIBE properties
 */
public record Unsubscribe(int packetId, List<String> filters, Properties properties) implements Packet {

    public Unsubscribe {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("an UNSUBSCRIBE needs at least one topic filter [MQTT-3.10.3-2]");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
