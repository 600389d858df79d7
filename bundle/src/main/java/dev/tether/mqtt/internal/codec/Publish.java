package dev.tether.mqtt.internal.codec;

/**
 * PUBLISH (MQTT 3.1.1, 3.3): a message, in either direction.
 *
 * @param topic      the topic name
 * @param payload    the payload, not copied: the decoder's array becomes the listener's
 * @param qos        0..2
 * @param retain     the RETAIN flag
 * @param duplicate  the DUP flag: a QoS 1 or 2 message sent again
 * @param packetId   1..65535 at QoS 1 and 2; 0 at QoS 0, which has none
 * @param properties MQTT 5 PUBLISH properties
 */
public record Publish(String topic, byte[] payload, int qos, boolean retain, boolean duplicate, int packetId,
        Properties properties) implements Packet {

    public Publish {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
        if ((qos == 0) != (packetId == 0)) {
            throw new IllegalArgumentException("a packet id is needed at QoS 1 and 2 and not allowed at QoS 0");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    @Override
    public String toString() {
        return "Publish[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos + (retain ? ", retain" : "")
            + (duplicate ? ", dup" : "") + (packetId != 0 ? ", id=" + packetId : "") + "]";
    }
}
