package dev.tether.mqtt.internal.codec;

/**
 * An MQTT control packet, as the codec reads and writes it. One immutable record per packet type; MQTT 5's
 * properties and reason codes have their place in each record already (empty or success on MQTT 3.1.1).
 */
public sealed interface Packet permits Connect, ConnAck, Publish, OversizedPublish, PubAck, PubRec, PubRel, PubComp,
        Subscribe, SubAck, Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth {

    PacketType type();
}
