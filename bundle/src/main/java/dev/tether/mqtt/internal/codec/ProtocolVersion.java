package dev.tether.mqtt.internal.codec;

/**
 * The MQTT versions the codec speaks, by the protocol level a CONNECT carries (MQTT 5.0, 3.1.2.2). A client link
 * knows its version before it sends CONNECT; a server learns it from the CONNECT it reads.
 */
public enum ProtocolVersion {
    MQTT_3_1_1(4, "MQTT 3.1.1"), MQTT_5(5, "MQTT 5.0");

    private final int level;
    private final String title;

    ProtocolVersion(int level, String title) {
        this.level = level;
        this.title = title;
    }

    /** @return the protocol level byte of CONNECT: 4 or 5 */
    public int level() {
        return level;
    }

    /** @return the version with this protocol level, or null when the codec does not speak it */
    public static ProtocolVersion ofLevel(int level) {
        return switch (level) {
            case 4 -> MQTT_3_1_1;
            case 5 -> MQTT_5;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return title;
    }
}
