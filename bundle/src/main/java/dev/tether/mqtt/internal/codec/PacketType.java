package dev.tether.mqtt.internal.codec;

/** The MQTT control packet types, by the number in the high nibble of the fixed header (MQTT 3.1.1, 2.2.1). */
public enum PacketType {
    CONNECT(1), CONNACK(2), PUBLISH(3), PUBACK(4), PUBREC(5), PUBREL(6), PUBCOMP(7), SUBSCRIBE(8), SUBACK(9),
    UNSUBSCRIBE(10), UNSUBACK(11), PINGREQ(12), PINGRESP(13), DISCONNECT(14), AUTH(15);

    private static final PacketType[] BY_CODE = new PacketType[16];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the type with this number, or null for 0 (reserved) */
    static PacketType of(int code) {
        return BY_CODE[code];
    }
}
