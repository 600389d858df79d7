package dev.tether.mqtt.internal.codec;

/**
 * A PUBLISH whose payload was larger than the decoder's payload limit ({@code recv_mbuf_limit}): the payload was
 * skipped without being stored, the rest is as received, so that the message can still be acknowledged.
 *
 * @param topic       the topic name
 * @param payloadSize the size of the payload skipped
 * @param qos         0..2
 * @param packetId    1..65535 at QoS 1 and 2, else 0
 * @param properties  MQTT 5 PUBLISH properties, as received: a Topic Alias they set up must be learnt even so
 */
public record OversizedPublish(String topic, int payloadSize, int qos, int packetId, Properties properties)
        implements Packet {

    public OversizedPublish(String topic, int payloadSize, int qos, int packetId) {
        this(topic, payloadSize, qos, packetId, Properties.NONE);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }
}
