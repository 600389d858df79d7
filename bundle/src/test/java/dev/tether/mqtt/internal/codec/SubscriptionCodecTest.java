package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** SUBSCRIBE (3.8), SUBACK (3.9) and UNSUBSCRIBE (3.10), byte for byte, from the examples of the specification. */
class SubscriptionCodecTest {

    static Stream<Arguments> examples() {
        return Stream.of(
            // Figure 3.21 (packet id 10) and Figure 3.23: "a/b" at QoS 1, "c/d" at QoS 2; flags 0010 [MQTT-3.8.1-1]
            arguments(new Subscribe(10, List.of(new Subscribe.Subscription("a/b", 1),
                new Subscribe.Subscription("c/d", 2)), Properties.NONE),
                "82 0E 00 0A 00 03 61 2F 62 01 00 03 63 2F 64 02", Role.SERVER),
            // Figure 3.27: success at QoS 0, success at QoS 2, failure
            arguments(new SubAck(10, List.of(0, 2, SubAck.FAILURE), Properties.NONE), "90 05 00 0A 00 02 80",
                Role.CLIENT),
            // Figure 3.30: "a/b" and "c/d"; flags 0010 [MQTT-3.10.1-1]
            arguments(new Unsubscribe(10, List.of("a/b", "c/d"), Properties.NONE),
                "A2 0C 00 0A 00 03 61 2F 62 00 03 63 2F 64", Role.SERVER),
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("#", 0)), Properties.NONE),
                "82 06 00 01 00 01 23 00", Role.SERVER),
            arguments(new SubAck(65_535, List.of(1), Properties.NONE), "90 03 FF FF 01", Role.CLIENT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("examples")
    void encodesAsTheSpecificationShows(Packet packet, String expected, Role receiver) {
        assertThat(hex(encode(packet))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2} reads {1}")
    @MethodSource("examples")
    void decodesAsTheSpecificationShows(Packet packet, String bytes, Role receiver) throws IOException {
        assertThat(decode(receiver, bytes)).isEqualTo(packet);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            arguments("SUBACK return code 3", "90 03 00 0A 03", Role.CLIENT, "[MQTT-3.9.3-2]"),
            arguments("SUBACK return code 0x81", "90 03 00 0A 81", Role.CLIENT, "[MQTT-3.9.3-2]"),
            arguments("SUBACK without return codes", "90 02 00 0A", Role.CLIENT, "without return codes"),
            arguments("SUBACK for packet id 0", "90 03 00 00 00", Role.CLIENT, "packet id 0"),
            arguments("SUBSCRIBE for QoS 3", "82 06 00 0A 00 01 61 03", Role.SERVER, "[MQTT-3.8.3-4]"),
            arguments("SUBSCRIBE with a reserved bit", "82 06 00 0A 00 01 61 04", Role.SERVER, "[MQTT-3.8.3-4]"),
            arguments("SUBSCRIBE without its QoS byte", "82 05 00 0A 00 01 61", Role.SERVER,
                "ends before its fields do"),
            arguments("SUBSCRIBE for packet id 0", "82 06 00 00 00 01 61 00", Role.SERVER, "[MQTT-2.3.1-1]"),
            arguments("UNSUBSCRIBE of a filter with U+0000", "A2 05 00 0A 00 01 00", Role.SERVER, "[MQTT-1.5.3-2]"),
            arguments("UNSUBSCRIBE for packet id 0", "A2 05 00 00 00 01 61", Role.SERVER, "[MQTT-2.3.1-1]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void refusesAMalformedPacket(String what, String bytes, Role receiver, String message) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(receiver, bytes))
            .withMessageContaining(message)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    static Stream<Arguments> empty() {
        return Stream.of(
            arguments("SUBSCRIBE", "82 02 00 0A", "[MQTT-3.8.3-3]"),
            arguments("UNSUBSCRIBE", "A2 02 00 0A", "[MQTT-3.10.3-2]"));
    }

    @ParameterizedTest(name = "{0} without topic filters")
    @MethodSource("empty")
    void refusesARequestWithoutFiltersAsAProtocolError(String what, String bytes, String message) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(Role.SERVER, bytes))
            .withMessageContaining(message)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PROTOCOL_ERROR);
    }
}
