package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** CONNACK (3.2), PUBACK (3.4), PUBREC (3.5), PUBREL (3.6), PUBCOMP (3.7) and UNSUBACK (3.11), byte for byte. */
class AcknowledgementCodecTest {

    /** The packet, its bytes (Figures 3.8, 3.12, 3.14, 3.16, 3.18, 3.31) and the side that receives it. */
    static Stream<Arguments> acknowledgements() {
        return Stream.of(
            arguments(new PubAck(10), "40 02 00 0A", Role.CLIENT),
            arguments(new PubAck(10), "40 02 00 0A", Role.SERVER),
            arguments(new PubRec(10), "50 02 00 0A", Role.CLIENT),
            arguments(new PubRec(10), "50 02 00 0A", Role.SERVER),
            // PUBREL's reserved flags are 0010 [MQTT-3.6.1-1]
            arguments(new PubRel(10), "62 02 00 0A", Role.CLIENT),
            arguments(new PubRel(10), "62 02 00 0A", Role.SERVER),
            arguments(new PubComp(10), "70 02 00 0A", Role.CLIENT),
            arguments(new PubComp(10), "70 02 00 0A", Role.SERVER),
            arguments(new PubAck(65_535), "40 02 FF FF", Role.CLIENT),
            arguments(new PubComp(1), "70 02 00 01", Role.SERVER),
            arguments(new UnsubAck(10), "B0 02 00 0A", Role.CLIENT),
            arguments(new ConnAck(false, 0, Properties.NONE), "20 02 00 00", Role.CLIENT),
            arguments(new ConnAck(true, 0, Properties.NONE), "20 02 01 00", Role.CLIENT),
            arguments(new ConnAck(false, 1, Properties.NONE), "20 02 00 01", Role.CLIENT),
            arguments(new ConnAck(false, 5, Properties.NONE), "20 02 00 05", Role.CLIENT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("acknowledgements")
    void encodesAsTheSpecificationShows(Packet packet, String expected, Role receiver) {
        assertThat(hex(encode(packet))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2} reads {1}")
    @MethodSource("acknowledgements")
    void decodesAsTheSpecificationShows(Packet packet, String bytes, Role receiver) throws IOException {
        assertThat(decode(receiver, bytes)).isEqualTo(packet);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            arguments("PUBACK of length 3", "40 03 00 0A 00", Role.CLIENT, "of 3 bytes after the fixed header"),
            arguments("PUBACK of length 1", "40 01 00", Role.SERVER, "of 1 bytes after the fixed header"),
            arguments("PUBACK of length 0", "40 00", Role.CLIENT, "of 0 bytes after the fixed header"),
            arguments("PUBACK for packet id 0", "40 02 00 00", Role.CLIENT, "packet id 0"),
            arguments("PUBREC for packet id 0", "50 02 00 00", Role.SERVER, "packet id 0"),
            arguments("PUBREL for packet id 0", "62 02 00 00", Role.CLIENT, "packet id 0"),
            arguments("PUBCOMP for packet id 0", "70 02 00 00", Role.SERVER, "packet id 0"),
            arguments("UNSUBACK for packet id 0", "B0 02 00 00", Role.CLIENT, "packet id 0"),
            arguments("UNSUBACK of length 3", "B0 03 00 0A 00", Role.CLIENT, "of 3 bytes after the fixed header"),
            arguments("CONNACK of length 3", "20 03 00 00 00", Role.CLIENT, "of 3 bytes after the fixed header"),
            arguments("CONNACK of length 1", "20 01 00", Role.CLIENT, "of 1 bytes after the fixed header"),
            arguments("CONNACK with reserved flags set", "20 02 02 00", Role.CLIENT, "are set (0x2) (MQTT 3.1.1, 3.2.2.1)"),
            arguments("CONNACK return code 6", "20 02 00 06", Role.CLIENT, "return code 6"),
            arguments("CONNACK return code 255", "20 02 00 FF", Role.CLIENT, "return code 255"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void refusesAMalformedAcknowledgement(String what, String bytes, Role receiver, String message) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(receiver, bytes))
            .withMessageContaining(message)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }
}
