package dev.tether.mqtt.internal.codec;

/** PINGRESP (MQTT 3.1.1, 3.13): the broker's answer to PINGREQ. */
public record PingResp() implements Packet {

    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
