package dev.tether.mqtt.internal.codec;

/**
 * DISCONNECT (MQTT 3.1.1, 3.14): the client ends the connection on purpose, so the broker drops the will.
 * On MQTT 5 either side sends it, with a reason code.
 *
 * @param reasonCode 0 (normal disconnection) on MQTT 3.1.1
 * @param properties MQTT 5 DISCONNECT properties
 */
public record Disconnect(int reasonCode, Properties properties) implements Packet {

    public static final Disconnect NORMAL = new Disconnect(0, Properties.NONE);

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
