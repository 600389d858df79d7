package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.concat;
import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** The Remaining Length of the fixed header (MQTT 3.1.1, 2.2.3), written and read. */
class FixedHeaderTest {

    /** Table 2.4 - Size of Remaining Length field, and the two values of the non normative comment in 2.2.3. */
    static Stream<Arguments> remainingLengths() {
        return Stream.of(
            arguments(0, "00"),
            arguments(127, "7F"),
            arguments(128, "80 01"),
            arguments(16_383, "FF 7F"),
            arguments(16_384, "80 80 01"),
            arguments(2_097_151, "FF FF 7F"),
            arguments(2_097_152, "80 80 80 01"),
            arguments(268_435_455, "FF FF FF 7F"),
            arguments(64, "40"),
            arguments(321, "C1 02"));
    }

    static Stream<Arguments> publishLengths() {
        return remainingLengths().filter(arguments -> (int) arguments.get()[0] >= 3);
    }

    static Stream<Arguments> encodableLengths() {
        return publishLengths().filter(arguments -> (int) arguments.get()[0] <= 2_097_152);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("remainingLengths")
    void writesTheRemainingLengthAsTable24Shows(int length, String expected) {
        // given
        PacketBuffer out = new PacketBuffer(8);

        // when
        out.writeVariableInt(length);

        // then
        assertThat(out.toByteArray()).isEqualTo(hex(expected));
    }

    @ParameterizedTest(name = "PUBLISH of {0} bytes -> 30 {1} ...")
    @MethodSource("encodableLengths")
    void theEncoderPutsTheRemainingLengthAfterTheFirstByte(int length, String expected) {
        // given a QoS 0 PUBLISH to "a" whose payload brings it to that length
        Publish publish = new Publish("a", new byte[length - 3], 0, false, false, 0, Properties.NONE);

        // when
        byte[] bytes = encode(publish);

        // then
        byte[] header = hex(expected);
        assertThat(Arrays.copyOfRange(bytes, 0, 1 + header.length)).isEqualTo(concat(hex("30"), header));
        assertThat(bytes).hasSize(1 + header.length + length);
    }

    @ParameterizedTest(name = "30 {1} ... -> PUBLISH of {0} bytes")
    @MethodSource("publishLengths")
    void readsTheRemainingLengthOfTable24(int length, String encoded) throws IOException {
        // given a QoS 0 PUBLISH to "a" of that length, its payload generated as it is read
        byte[] head = concat(hex("30"), hex(encoded), hex("00 01 61"));
        GeneratedInputStream in = new GeneratedInputStream(head, head.length + length - 3L);
        PacketDecoder decoder = new PacketDecoder(in, Role.CLIENT, Wire.BUFFER, Wire.NO_LIMIT, 1024);

        // when
        Packet packet = decoder.read();

        // then the payload is what is left of the announced length, and the packet ends where the stream does
        int payload = packet instanceof Publish publish ? publish.payload().length
            : ((OversizedPublish) packet).payloadSize();
        assertThat(payload).isEqualTo(length - 3);
        assertThat(in.served()).isEqualTo(head.length + length - 3L);
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection was closed by the peer");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void refusesARemainingLengthOfFiveBytes(Role role) {
        // given 4 bytes with the continuation bit and a fifth [MQTT 3.1.1, 2.2.3: at most four bytes]
        byte[] bytes = hex("30 FF FF FF FF 01");

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(role, bytes))
            .withMessageContaining("remaining length").withMessageContaining("more than 4 bytes")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    @Test
    void refusesTheFifthByteBeforeReadingIt() {
        // given a fixed header whose fourth length byte announces a fifth that never comes
        byte[] bytes = hex("D0 80 80 80 80");

        // when / then the decoder fails from the fourth byte, not by waiting for the fifth
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(Role.CLIENT, bytes))
            .withMessageContaining("more than 4 bytes");
    }

    @Test
    void acceptsARemainingLengthThatIsNotTheShortest() throws IOException {
        // given PINGRESP with 0 written on two bytes: MQTT 3.1.1 asks for no minimal encoding (MQTT 5 does)
        byte[] bytes = hex("D0 80 00");

        // when / then
        assertThat(decode(Role.CLIENT, bytes)).isEqualTo(PingResp.INSTANCE);
    }
}
