package dev.tether.mqtt.internal.codec;

/**
 * AUTH (MQTT 5.0, 3.15): a step of enhanced authentication, in either direction. MQTT 5 only.
 *
 * @param reasonCode {@link ReasonCodes#SUCCESS}, {@link ReasonCodes#CONTINUE_AUTHENTICATION} or
 *                   {@link ReasonCodes#RE_AUTHENTICATE}
 * @param properties the Authentication Method and Data, a Reason String, user properties
 */
public record Auth(int reasonCode, Properties properties) implements Packet {

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
