package dev.tether.mqtt.internal.session;

import java.util.Optional;

import dev.tether.mqtt.internal.codec.PacketType;
import dev.tether.mqtt.internal.codec.ReasonCodes;

/**
 * The broker refused a message it was sent: an MQTT 5 PUBACK or PUBREC with a reason code of 0x80 or more
 * (MQTT 5.0, 3.4.2.1 and 3.5.2.1), with its Reason String when it sent one.
 *
 * @param answer       PUBACK or PUBREC
 * @param reasonCode   0x80 or more, for example 0x87 Not authorized or 0x97 Quota exceeded
 * @param reasonString the broker's own words, or null
 */
public record Refusal(PacketType answer, int reasonCode, String reasonString) {

    /** @return the broker's own words, if it gave any */
    public Optional<String> reason() {
        return Optional.ofNullable(reasonString);
    }

    /** @return "0x87 not authorized (PUBACK): the broker's words", for messages */
    public String describe() {
        return ReasonCodes.describe(answer, reasonCode) + " (" + answer + ")" + reason().map(words -> ": " + words)
            .orElse("");
    }
}
