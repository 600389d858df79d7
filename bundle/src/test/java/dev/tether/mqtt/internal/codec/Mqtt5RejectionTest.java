package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.MalformedPacketException.MALFORMED_PACKET;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.PROTOCOL_ERROR;
import static dev.tether.mqtt.internal.codec.MalformedPacketException.UNSUPPORTED_PROTOCOL_VERSION;
import static dev.tether.mqtt.internal.codec.Wire.decode5;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/**
 * What an MQTT 5 receiver refuses, one case each: the reason code to send (0x81 Malformed Packet where the bytes
 * break the format, 0x82 Protocol Error where a rule of the protocol is broken) and a message naming the fault.
 */
class Mqtt5RejectionTest {

    static Stream<Arguments> rejections() {
        return Stream.of(
            // properties (2.2.2): identifiers
            arguments("unknown property identifier", Role.CLIENT, "20 05 00 00 02 05 00", MALFORMED_PACKET,
                "0x05 in a CONNACK is not a property identifier"),
            arguments("property not allowed in the packet", Role.CLIENT, "20 06 00 00 03 23 00 05", MALFORMED_PACKET,
                "the Topic Alias property (0x23) is not allowed in a CONNACK"),
            arguments("will property in the CONNECT properties", Role.SERVER,
                "10 12 00 04 4D 51 54 54 05 02 00 00 05 18 00 00 00 01 00 00", MALFORMED_PACKET,
                "the Will Delay Interval property (0x18) is not allowed in a CONNECT"),
            arguments("CONNECT property in the will properties", Role.SERVER,
                "10 16 00 04 4D 51 54 54 05 06 00 00 00 00 00 03 21 00 01 00 01 77 00 00", MALFORMED_PACKET,
                "the Receive Maximum property (0x21) is not allowed in a CONNECT's will properties"),
            // repeats
            arguments("a property twice", Role.CLIENT, "20 09 00 00 06 21 00 0A 21 00 0B", PROTOCOL_ERROR,
                "the Receive Maximum property appears more than once in a CONNACK"),
            arguments("two subscription identifiers in a SUBSCRIBE", Role.SERVER,
                "82 0B 00 0A 04 0B 01 0B 02 00 01 61 00", PROTOCOL_ERROR,
                "the Subscription Identifier property appears more than once in a SUBSCRIBE"),
            // lengths
            arguments("property length beyond the packet", Role.CLIENT, "20 04 00 00 05 11", MALFORMED_PACKET,
                "the property length 5 of a CONNACK exceeds the 1 bytes that remain"),
            arguments("PUBLISH property length beyond the packet", Role.CLIENT, "30 06 00 01 61 09 01 00",
                MALFORMED_PACKET, "the property length 9 of a PUBLISH exceeds the 2 bytes that remain"),
            arguments("string longer than the properties", Role.CLIENT, "20 07 00 80 04 1F 01 2C 61",
                MALFORMED_PACKET, "the Reason String announces 300 bytes, but only 1 remain in the properties of a "
                    + "CONNACK"),
            arguments("binary longer than the properties", Role.CLIENT, "F0 07 18 05 16 00 09 01 02",
                MALFORMED_PACKET, "the Authentication Data announces 9 bytes, but only 2 remain in the properties"),
            arguments("user property value longer than the properties", Role.CLIENT,
                "20 0B 00 00 08 26 00 01 6B 00 08 76 76", MALFORMED_PACKET,
                "the User Property value announces 8 bytes, but only 2 remain"),
            arguments("number cut by the end of the properties", Role.CLIENT, "20 05 00 00 02 21 00",
                MALFORMED_PACKET, "the Receive Maximum property runs past the end of the properties of a CONNACK"),
            arguments("property length of more than 4 bytes", Role.CLIENT, "20 07 00 00 80 80 80 80 01",
                MALFORMED_PACKET, "the property length of a CONNACK is a variable byte integer of more than 4 bytes"),
            arguments("PUBLISH property length of more than 4 bytes", Role.CLIENT, "30 08 00 01 61 80 80 80 80 01",
                MALFORMED_PACKET, "the property length of a PUBLISH is a variable byte integer of more than 4 bytes"),
            arguments("subscription identifier of more than 4 bytes", Role.CLIENT,
                "30 0B 00 01 61 06 0B FF FF FF FF 01 78", MALFORMED_PACKET,
                "the Subscription Identifier is a variable byte integer of more than 4 bytes"),
            arguments("variable byte integer not in the fewest bytes", Role.CLIENT, "30 08 00 01 61 03 0B 81 00 78",
                MALFORMED_PACKET, "the Subscription Identifier is not encoded in the fewest bytes [MQTT-1.5.5-1]"),
            // values out of range
            arguments("subscription identifier 0 in a SUBSCRIBE", Role.SERVER, "82 09 00 0A 02 0B 00 00 01 61 00",
                PROTOCOL_ERROR, "the Subscription Identifier of 0 in a SUBSCRIBE is not 1 to 268435455"),
            arguments("subscription identifier 0 in a PUBLISH", Role.CLIENT, "30 07 00 01 61 02 0B 00 78",
                PROTOCOL_ERROR, "the Subscription Identifier of 0 in a PUBLISH is not 1 to 268435455"),
            arguments("receive maximum 0", Role.CLIENT, "20 06 00 00 03 21 00 00", PROTOCOL_ERROR,
                "the Receive Maximum of 0 in a CONNACK is not 1 to 65535"),
            arguments("maximum packet size 0", Role.CLIENT, "20 08 00 00 05 27 00 00 00 00", PROTOCOL_ERROR,
                "the Maximum Packet Size of 0 in a CONNACK is not 1 to 4294967295"),
            arguments("topic alias 0", Role.CLIENT, "30 08 00 01 61 03 23 00 00 78", PROTOCOL_ERROR,
                "the Topic Alias of 0 in a PUBLISH is not 1 to 65535"),
            arguments("payload format indicator 2", Role.CLIENT, "30 07 00 01 61 02 01 02 78", PROTOCOL_ERROR,
                "the Payload Format Indicator of 2 in a PUBLISH is not 0 to 1"),
            arguments("maximum QoS 2", Role.CLIENT, "20 05 00 00 02 24 02", PROTOCOL_ERROR,
                "the Maximum QoS of 2 in a CONNACK is not 0 to 1"),
            arguments("retain available 2", Role.CLIENT, "20 05 00 00 02 25 02", PROTOCOL_ERROR,
                "the Retain Available of 2 in a CONNACK is not 0 to 1"),
            arguments("wildcard subscription available 2", Role.CLIENT, "20 05 00 00 02 28 02", PROTOCOL_ERROR,
                "the Wildcard Subscription Available of 2 in a CONNACK is not 0 to 1"),
            arguments("subscription identifier available 2", Role.CLIENT, "20 05 00 00 02 29 FF", PROTOCOL_ERROR,
                "the Subscription Identifier Available of 255 in a CONNACK is not 0 to 1"),
            arguments("shared subscription available 2", Role.CLIENT, "20 05 00 00 02 2A 02", PROTOCOL_ERROR,
                "the Shared Subscription Available of 2 in a CONNACK is not 0 to 1"),
            arguments("request problem information 2", Role.SERVER,
                "10 0F 00 04 4D 51 54 54 05 02 00 00 02 17 02 00 00", PROTOCOL_ERROR,
                "the Request Problem Information of 2 in a CONNECT is not 0 to 1"),
            arguments("request response information 2", Role.SERVER,
                "10 0F 00 04 4D 51 54 54 05 02 00 00 02 19 02 00 00", PROTOCOL_ERROR,
                "the Request Response Information of 2 in a CONNECT is not 0 to 1"),
            // reason codes (2.4)
            arguments("CONNACK reason code of another packet", Role.CLIENT, "20 03 00 10 00", MALFORMED_PACKET,
                "0x10 (no matching subscribers) is not a reason code of CONNACK"),
            arguments("PUBACK reason code 0x01", Role.CLIENT, "40 03 00 0A 01", MALFORMED_PACKET,
                "0x01 (granted QoS 1) is not a reason code of PUBACK"),
            arguments("PUBREC reason code 0x92", Role.SERVER, "50 03 00 0A 92", MALFORMED_PACKET,
                "0x92 (packet identifier not found) is not a reason code of PUBREC"),
            arguments("PUBREL reason code 0x10", Role.SERVER, "62 03 00 0A 10", MALFORMED_PACKET,
                "0x10 (no matching subscribers) is not a reason code of PUBREL"),
            arguments("PUBCOMP reason code 0x80", Role.CLIENT, "70 03 00 0A 80", MALFORMED_PACKET,
                "0x80 (unspecified error) is not a reason code of PUBCOMP"),
            arguments("SUBACK reason code 0x03", Role.CLIENT, "90 04 00 0A 00 03", MALFORMED_PACKET,
                "0x03 (unknown reason code) is not a reason code of SUBACK"),
            arguments("UNSUBACK reason code 0x02", Role.CLIENT, "B0 04 00 0A 00 02", MALFORMED_PACKET,
                "0x02 (granted QoS 2) is not a reason code of UNSUBACK"),
            arguments("DISCONNECT reason code 0x01", Role.CLIENT, "E0 01 01", MALFORMED_PACKET,
                "0x01 (granted QoS 1) is not a reason code of DISCONNECT"),
            arguments("AUTH reason code 0x87", Role.SERVER, "F0 02 87 00", MALFORMED_PACKET,
                "0x87 (not authorized) is not a reason code of AUTH"),
            arguments("AUTH with a reason code and no property length", Role.CLIENT, "F0 01 18", MALFORMED_PACKET,
                "a AUTH packet ends inside the property length of a AUTH"),
            // subscription options (3.8.3.1)
            arguments("reserved subscription option bits", Role.SERVER, "82 07 00 0A 00 00 01 61 40",
                MALFORMED_PACKET, "the reserved bits of the subscription options 0x40 for 'a' are set [MQTT-3.8.3-5]"),
            arguments("subscription QoS 3", Role.SERVER, "82 07 00 0A 00 00 01 61 03", MALFORMED_PACKET,
                "the subscription options for 'a' ask for QoS 3"),
            arguments("retain handling 3", Role.SERVER, "82 07 00 0A 00 00 01 61 30", PROTOCOL_ERROR,
                "the subscription options for 'a' have Retain Handling 3"),
            arguments("no local on a shared subscription", Role.SERVER,
                "82 10 00 0A 00 00 0A 24 73 68 61 72 65 2F 67 2F 61 04", PROTOCOL_ERROR,
                "No Local on the shared subscription '$share/g/a' [MQTT-3.8.3-4]"),
            // rules that need the properties or the role
            arguments("empty topic without topic alias", Role.CLIENT, "30 04 00 00 00 78", PROTOCOL_ERROR,
                "a PUBLISH with an empty topic name and no Topic Alias"),
            arguments("subscription identifier from a client", Role.SERVER, "30 07 00 01 61 02 0B 01 78",
                PROTOCOL_ERROR, "a PUBLISH from a client with a Subscription Identifier [MQTT-3.3.4-6]"),
            arguments("response topic with a wildcard", Role.CLIENT, "30 09 00 01 61 04 08 00 01 23 78",
                PROTOCOL_ERROR, "the Response Topic '#' contains a wildcard [MQTT-3.3.2-14]"),
            arguments("session expiry in a server's DISCONNECT", Role.CLIENT, "E0 07 00 05 11 00 00 00 00",
                PROTOCOL_ERROR, "a DISCONNECT from the server with a Session Expiry Interval [MQTT-3.14.2-2]"),
            arguments("session present with a refusal", Role.CLIENT, "20 03 01 87 00", PROTOCOL_ERROR,
                "has Session Present set [MQTT-3.2.2-6]"),
            arguments("reserved CONNACK flags", Role.CLIENT, "20 03 02 00 00", MALFORMED_PACKET,
                "the reserved bits of the CONNACK flags are set (0x2) (MQTT 5.0, 3.2.2.1)"),
            arguments("CONNACK success without properties", Role.CLIENT, "20 02 00 00", MALFORMED_PACKET,
                "an MQTT 5 CONNACK without a property length"),
            arguments("authentication data without method", Role.SERVER,
                "10 10 00 04 4D 51 54 54 05 02 00 00 03 16 00 00 00 00", PROTOCOL_ERROR,
                "a CONNECT with Authentication Data and no Authentication Method"),
            arguments("SUBACK without reason codes", Role.CLIENT, "90 03 00 0A 00", PROTOCOL_ERROR,
                "a SUBACK without reason codes"),
            arguments("UNSUBACK without reason codes", Role.CLIENT, "B0 03 00 0A 00", PROTOCOL_ERROR,
                "a UNSUBACK without reason codes"),
            arguments("CONNECT of level 6", Role.SERVER, "10 0D 00 04 4D 51 54 54 06 02 00 00 00 00 00",
                UNSUPPORTED_PROTOCOL_VERSION, "CONNECT for protocol MQTT level 6, not MQTT level 4 or 5"),
            arguments("reserved packet type 0", Role.CLIENT, "00 00", MALFORMED_PACKET,
                "packet type 0 is reserved in MQTT 5.0"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rejections")
    void refuses(String what, Role receiver, String bytes, int reasonCode, String message) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode5(receiver, bytes))
            .withMessageContaining(message)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(reasonCode);
    }
}
