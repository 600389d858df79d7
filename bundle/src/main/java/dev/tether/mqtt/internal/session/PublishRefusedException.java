package dev.tether.mqtt.internal.session;

import dev.tether.mqtt.internal.codec.ReasonCodes;

/**
 * The session will not send a message, because the broker's CONNACK said it does not take it: larger than its
 * Maximum Packet Size [MQTT-3.2.2-15], or retained where it has no Retain Available [MQTT-3.2.2-14]. Nothing was
 * sent; sending it again to the same broker cannot work.
 */
public final class PublishRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int reasonCode;

    private PublishRefusedException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    static PublishRefusedException tooLarge(String topic, long packetSize, long maximum) {
        return new PublishRefusedException(ReasonCodes.PACKET_TOO_LARGE, "the message to " + topic + " is a packet of "
            + packetSize + " bytes, larger than the broker's Maximum Packet Size of " + maximum + " bytes; not sent");
    }

    static PublishRefusedException retainNotAvailable(String topic) {
        return new PublishRefusedException(ReasonCodes.RETAIN_NOT_SUPPORTED, "the broker does not take retained "
            + "messages (Retain Available 0 in its CONNACK): the retained message to " + topic + " was not sent");
    }

    /** @return whether the message is larger than the broker takes */
    public boolean tooLarge() {
        return reasonCode == ReasonCodes.PACKET_TOO_LARGE;
    }

    /** @return the MQTT 5 reason code that names why: Packet too large (0x95) or Retain not supported (0x9A) */
    public int reasonCode() {
        return reasonCode;
    }
}
