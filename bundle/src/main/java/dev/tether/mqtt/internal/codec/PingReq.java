package dev.tether.mqtt.internal.codec;

/** PINGREQ (MQTT 3.1.1, 3.12): the client is alive; the broker answers PINGRESP. */
public record PingReq() implements Packet {

    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
