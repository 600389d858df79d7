package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** How the decoder ends: a stream that stops short, packets larger than it accepts. */
class DecoderLimitsTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void saysThePeerClosedWhenTheStreamEndsBetweenPackets(Role role) {
        assertThatExceptionOfType(EOFException.class).isThrownBy(() -> decode(role, new byte[0]))
            .withMessage("the connection was closed by the peer");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void saysTheStreamEndedInsideTheFixedHeader(Role role) {
        assertThatExceptionOfType(EOFException.class).isThrownBy(() -> decode(role, "30 80"))
            .withMessage("the connection ended inside the fixed header of a PUBLISH packet");
    }

    /** Packets of several shapes, each to be cut after every byte of its fixed header. */
    static Stream<Arguments> truncated() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, new Publish("a/b", new byte[300], 1, false, false, 10, Properties.NONE), Role.CLIENT);
        add(cases, new Publish("a/b", new byte[20_000], 0, false, false, 0, Properties.NONE), Role.SERVER);
        add(cases, new ConnAck(true, 0, Properties.NONE), Role.CLIENT);
        add(cases, new PubRel(10), Role.SERVER);
        add(cases, new SubAck(10, List.of(0, 1, 2), Properties.NONE), Role.CLIENT);
        add(cases, new Subscribe(10, List.of(new Subscribe.Subscription("a/b", 1)), Properties.NONE), Role.SERVER);
        add(cases, new Connect(Connect.MQTT_3_1_1, "tether", true, 10, Optional.of("u"), new byte[] {1},
            Optional.empty(), Properties.NONE), Role.SERVER);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, Packet packet, Role receiver) {
        byte[] bytes = encode(packet);
        int header = bytes.length - 1 - remainingLength(packet);
        int[] cuts = IntStream.concat(IntStream.rangeClosed(header + 1, Math.min(bytes.length - 1, header + 40)),
            IntStream.of(bytes.length - 1)).distinct().toArray();
        for (int cut : cuts) {
            cases.add(arguments(packet.type(), remainingLength(packet), cut, Arrays.copyOf(bytes, cut), receiver));
        }
    }

    private static int remainingLength(Packet packet) {
        byte[] bytes = encode(packet);
        int length = 0;
        for (int i = 1, shift = 0; ; i++, shift += 7) {
            length |= (bytes[i] & 0x7F) << shift;
            if ((bytes[i] & 0x80) == 0) {
                return length;
            }
        }
    }

    @ParameterizedTest(name = "{0} of {1} bytes cut after {2}")
    @MethodSource("truncated")
    void saysTheStreamEndedInTheMiddleOfAPacket(PacketType type, int length, int cut, byte[] bytes, Role receiver) {
        // given a 16-byte buffer, so that the cut falls in a buffered read or in a direct one
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(bytes), receiver, 16, Wire.NO_LIMIT,
            Integer.MAX_VALUE);

        // when / then
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection ended in the middle of a " + type + " packet of " + length + " bytes");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void refusesAPacketLargerThanTheLimitFromItsFixedHeader(Role role) {
        // given only the fixed header of a PUBLISH announcing 268,435,455 bytes, and a limit of 1 MB
        byte[] header = hex("30 FF FF FF 7F");
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(header), role, Wire.BUFFER, 1 << 20,
            Integer.MAX_VALUE);

        // when / then the decoder refuses it without waiting for a byte more: not an EOFException
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(decoder::read)
            .withMessage("a PUBLISH packet of 268435455 bytes is larger than the 1048576 accepted")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PACKET_TOO_LARGE);
    }

    @Test
    void refusesAControlPacketLargerThanAnyABrokerSends() {
        // given a SUBACK announcing 65,538 bytes: a packet id and 65,536 return codes, one more than filters can be
        byte[] header = hex("90 82 80 04");

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(Role.CLIENT, header))
            .withMessageContaining("a SUBACK packet of 65538 bytes is larger than any a broker sends")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PACKET_TOO_LARGE);
    }

    @Test
    void readsTheLargestSubAckABrokerCanSend() throws IOException {
        // given a SUBACK for 65,535 filters: 65,537 bytes, the client's limit for packets other than PUBLISH
        SubAck subAck = new SubAck(10, Collections.nCopies(65_535, 1), Properties.NONE);

        // when / then
        assertThat(decode(Role.CLIENT, encode(subAck))).isEqualTo(subAck);
    }
}
