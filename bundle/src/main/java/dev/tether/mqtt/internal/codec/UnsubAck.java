package dev.tether.mqtt.internal.codec;

import java.util.List;

/**
 * UNSUBACK (MQTT 3.1.1, 3.11).
 *
 * @param packetId    the UNSUBSCRIBE's packet id
 * @param reasonCodes none on MQTT 3.1.1; one per filter on MQTT 5
 * @param properties  MQTT 5 UNSUBACK properties
 */
public record UnsubAck(int packetId, List<Integer> reasonCodes, Properties properties) implements Packet {

    public UnsubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    public UnsubAck(int packetId) {
        this(packetId, List.of(), Properties.NONE);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
