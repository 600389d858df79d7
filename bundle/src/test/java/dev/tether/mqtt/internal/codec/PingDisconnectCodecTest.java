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

/** PINGREQ (3.12), PINGRESP (3.13) and DISCONNECT (3.14): a fixed header and nothing else. */
class PingDisconnectCodecTest {

    /** Figures 3.33, 3.34 and 3.35. */
    static Stream<Arguments> headerOnly() {
        return Stream.of(
            arguments(PingReq.INSTANCE, "C0 00", Role.SERVER),
            arguments(PingResp.INSTANCE, "D0 00", Role.CLIENT),
            arguments(Disconnect.NORMAL, "E0 00", Role.SERVER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("headerOnly")
    void encodesAsTheSpecificationShows(Packet packet, String expected, Role receiver) {
        assertThat(hex(encode(packet))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2} reads {1}")
    @MethodSource("headerOnly")
    void decodesAsTheSpecificationShows(Packet packet, String bytes, Role receiver) throws IOException {
        assertThat(decode(receiver, bytes)).isEqualTo(packet);
    }

    @ParameterizedTest(name = "{0} with a byte after its header")
    @MethodSource("headerOnly")
    void refusesABody(Packet packet, String bytes, Role receiver) {
        // given the packet with a remaining length of 1
        byte[] withBody = hex(bytes.substring(0, 2) + " 01 00");

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(receiver, withBody))
            .withMessageContaining("1 bytes more than its fields");
    }
}
