package dev.tether.mqtt.internal.codec;

/**
 * PUBCOMP (MQTT 3.1.1): the last step of a QoS 2 exchange (3.7).
 *
 * @param packetId   the packet id of the exchange, 1..65535
 * @param reasonCode 0 on MQTT 3.1.1; an MQTT 5 reason code
 * @param properties MQTT 5 properties
 */
public record PubComp(int packetId, int reasonCode, Properties properties) implements Packet {

    public PubComp(int packetId) {
        this(packetId, 0, Properties.NONE);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
