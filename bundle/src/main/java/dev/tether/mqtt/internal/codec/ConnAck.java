package dev.tether.mqtt.internal.codec;

/**
 * CONNACK (MQTT 3.1.1 and 5.0, 3.2): the broker's answer to CONNECT.
 *
 * @param sessionPresent whether the broker resumed a session it kept for this client id
 * @param returnCode     0 accepted; 1 to 5 refused (3.1.1, 3.2.2.3); an MQTT 5 reason code on MQTT 5
 * @param properties     MQTT 5 CONNACK properties (3.2.2.3): what the broker allows and assigned
 */
public record ConnAck(boolean sessionPresent, int returnCode, Properties properties) implements Packet {

    public static final int ACCEPTED = 0;

    public boolean accepted() {
        return returnCode == ACCEPTED;
    }

    /**
     * @return the meaning of the code with the code: as MQTT 3.1.1 names its return codes 1 to 5 (which an
     *     MQTT 3.1.1 broker also sends to an MQTT 5 client), as MQTT 5 names its reason codes (0x80 and above),
     *     with the Reason String when the broker sent one
     */
    public String describe() {
        if (returnCode >= 0x80) {
            return ReasonCodes.name(returnCode) + " (CONNACK reason code 0x" + PropertyIds.hex(returnCode) + ")"
                + properties.string(PropertyIds.REASON_STRING).map(reason -> ": " + reason).orElse("");
        }
        String meaning = switch (returnCode) {
            case 0 -> "connection accepted";
            case 1 -> "unacceptable protocol version";
            case 2 -> "identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "unknown return code";
        };
        return meaning + " (CONNACK return code " + returnCode + ")";
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
