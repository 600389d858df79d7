package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** CONNECT (MQTT 3.1.1, 3.1), byte for byte. */
class ConnectCodecTest {

    /** Figure 3.6 - Variable header non normative example: "MQTT", level 4, flags 11001110, keep alive 10. */
    private static final String SPEC_VARIABLE_HEADER = "00 04 4D 51 54 54 04 CE 00 0A";

    /** A CONNECT with every field the flags of Figure 3.6 announce: will at QoS 1, user name and password. */
    private static final Connect FULL = new Connect(Connect.MQTT_3_1_1, "tether", true, 10, Optional.of("u"),
        "p".getBytes(UTF_8), Optional.of(new Connect.Will("w", "bye".getBytes(UTF_8), 1, false)), Properties.NONE);

    /** Its bytes: the fields in the order of [MQTT-3.1.3-1], client id, will topic, will message, user, password. */
    private static final String FULL_BYTES = "10 20 " + SPEC_VARIABLE_HEADER
        + " 00 06 74 65 74 68 65 72 00 01 77 00 03 62 79 65 00 01 75 00 01 70";

    @Test
    void writesTheVariableHeaderOfFigure36() {
        // when
        byte[] bytes = encode(FULL);

        // then
        assertThat(hex(Arrays.copyOfRange(bytes, 2, 12))).isEqualTo(SPEC_VARIABLE_HEADER);
    }

    @Test
    void writesThePayloadFieldsInOrder() {
        assertThat(hex(encode(FULL))).isEqualTo(FULL_BYTES);
    }

    @Test
    void readsEveryField() throws IOException {
        assertSamePacket(decode(Role.SERVER, FULL_BYTES), FULL);
    }

    @Test
    void writesTheSmallestConnect() {
        // given an empty client id, which needs a clean session [MQTT-3.1.3-7], and no keep alive
        Connect connect = new Connect(Connect.MQTT_3_1_1, "", true, 0, Optional.empty(), null, Optional.empty(),
            Properties.NONE);

        // when / then
        assertThat(hex(encode(connect))).isEqualTo("10 0C 00 04 4D 51 54 54 04 02 00 00 00 00");
    }

    @Test
    void readsAPasswordAsBytesNotText() throws IOException {
        // given a password of 00 FF: binary data (3.1.3.5), no UTF-8 rule applies
        String bytes = "10 14 00 04 4D 51 54 54 04 C0 00 3C 00 01 63 00 01 75 00 02 00 FF";

        // when
        Connect connect = (Connect) decode(Role.SERVER, bytes);

        // then
        assertThat(connect.password()).containsExactly(0x00, 0xFF);
        assertThat(connect.keepAliveSeconds()).isEqualTo(60);
        assertThat(connect.cleanSession()).isFalse();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            arguments("reserved flag set", "10 0C 00 04 4D 51 54 54 04 03 00 00 00 00", "[MQTT-3.1.2-3]"),
            arguments("will QoS 3", "10 11 00 04 4D 51 54 54 04 1E 00 00 00 00 00 01 77 00 00", "will QoS"),
            arguments("will QoS without will", "10 0C 00 04 4D 51 54 54 04 0A 00 00 00 00", "will QoS"),
            arguments("will retain without will", "10 0C 00 04 4D 51 54 54 04 22 00 00 00 00", "will QoS"),
            arguments("password without user name", "10 0F 00 04 4D 51 54 54 04 42 00 00 00 00 00 01 70",
                "[MQTT-3.1.2-22]"),
            arguments("user name flag without the field", "10 0C 00 04 4D 51 54 54 04 82 00 00 00 00",
                "ends before its fields do"),
            arguments("a byte after the last field", "10 0D 00 04 4D 51 54 54 04 02 00 00 00 00 00",
                "1 bytes more than its fields"),
            arguments("client id with U+0000", "10 0D 00 04 4D 51 54 54 04 02 00 00 00 01 00", "[MQTT-1.5.3-2]"),
            arguments("client id longer than the packet", "10 0C 00 04 4D 51 54 54 04 02 00 00 00 05",
                "ends before its fields do"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedConnect(String what, String bytes, String message) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(Role.SERVER, bytes))
            .withMessageContaining(message)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    static Stream<Arguments> otherProtocols() {
        return Stream.of(
            arguments("MQTT 3.1: MQIsdp level 3", "10 0E 00 06 4D 51 49 73 64 70 03 02 00 00 00 00"),
            arguments("MQTT 5: level 5", "10 0C 00 04 4D 51 54 54 05 02 00 00 00 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherProtocols")
    void refusesAnotherProtocolAsAProtocolError(String what, String bytes) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(Role.SERVER, bytes))
            .withMessageContaining("not MQTT level 4")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PROTOCOL_ERROR);
    }
}
