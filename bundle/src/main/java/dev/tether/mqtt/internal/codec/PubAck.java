package dev.tether.mqtt.internal.codec;

/**
 * PUBACK (MQTT 3.1.1): the answer to a QoS 1 PUBLISH (3.4).
 *
 * @param packetId   the packet id of the exchange, 1..65535
 * @param reasonCode 0 on MQTT 3.1.1; an MQTT 5 reason code
 * @param properties MQTT 5 properties
 */
public record PubAck(int packetId, int reasonCode, Properties properties) implements Packet {

    public PubAck(int packetId) {
        this(packetId, 0, Properties.NONE);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
