package dev.tether.mqtt.internal.codec;

/**
 * PUBREL (MQTT 3.1.1): the sender's release of a QoS 2 message after PUBREC (3.6).
 *
 * @param packetId   the packet id of the exchange, 1..65535
 * @param reasonCode 0 on MQTT 3.1.1; an MQTT 5 reason code
 * @param properties MQTT 5 properties
 */
public record PubRel(int packetId, int reasonCode, Properties properties) implements Packet {

    public PubRel(int packetId) {
        this(packetId, 0, Properties.NONE);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
