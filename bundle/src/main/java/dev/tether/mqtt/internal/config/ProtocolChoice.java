package dev.tether.mqtt.internal.config;

/** Which MQTT version a connection speaks ({@code protocol_version}). */
public enum ProtocolChoice {
    /** MQTT 5, and 3.1.1 for a broker that refuses 5. */
    AUTO,
    /** MQTT 5 only: a broker that refuses it is a connection failure. */
    MQTT_5,
    /** MQTT 3.1.1 only. */
    MQTT_3_1_1;

    static ProtocolChoice of(String option) {
        return switch (option) {
            case "5" -> MQTT_5;
            case "3.1.1" -> MQTT_3_1_1;
            default -> AUTO;
        };
    }

    /** @return whether a connection may speak MQTT 5 */
    public boolean offersMqtt5() {
        return this != MQTT_3_1_1;
    }
}
