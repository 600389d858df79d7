package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** PUBLISH (MQTT 3.1.1, 3.3), byte for byte. */
class PublishCodecTest {

    private static final byte[] NO_PAYLOAD = new byte[0];

    static Stream<Arguments> publishes() {
        return Stream.of(
            // 3.3.2.3, Figure 3.11: topic "a/b", packet id 10, here at QoS 1 without payload
            arguments(new Publish("a/b", NO_PAYLOAD, 1, false, false, 10, Properties.NONE),
                "32 07 00 03 61 2F 62 00 0A"),
            // QoS 0 has no packet id [MQTT-2.3.1-5]
            arguments(new Publish("a/b", "hi".getBytes(UTF_8), 0, false, false, 0, Properties.NONE),
                "30 07 00 03 61 2F 62 68 69"),
            arguments(new Publish("a/b", NO_PAYLOAD, 0, true, false, 0, Properties.NONE), "31 05 00 03 61 2F 62"),
            arguments(new Publish("a/b", NO_PAYLOAD, 2, false, false, 10, Properties.NONE),
                "34 07 00 03 61 2F 62 00 0A"),
            arguments(new Publish("a/b", new byte[] {0}, 1, true, true, 65_535, Properties.NONE),
                "3B 08 00 03 61 2F 62 FF FF 00"),
            arguments(new Publish("a/b", NO_PAYLOAD, 2, false, true, 1, Properties.NONE),
                "3C 07 00 03 61 2F 62 00 01"),
            // Figure 1.2: "A" then U+2A6D4, a character of four bytes
            arguments(new Publish("A\uD869\uDED4", NO_PAYLOAD, 0, false, false, 0, Properties.NONE),
                "30 07 00 05 41 F0 AA 9B 94"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("publishes")
    void encodesAsTheSpecificationShows(Publish publish, String expected) {
        // when
        byte[] bytes = encode(publish);

        // then
        assertThat(hex(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("publishes")
    void clientDecodesAsTheSpecificationShows(Publish publish, String bytes) throws IOException {
        assertSamePacket(decode(Role.CLIENT, bytes), publish);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("publishes")
    void serverDecodesAsTheSpecificationShows(Publish publish, String bytes) throws IOException {
        assertSamePacket(decode(Role.SERVER, bytes), publish);
    }

    @Test
    void readsAPayloadLargerThanTheBuffer() throws IOException {
        // given a 64-byte buffer and a payload of 1,000 bytes
        byte[] payload = new Gen(1).bytes(1_000);
        Publish publish = new Publish("a/b", payload, 1, false, false, 7, Properties.NONE);
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(encode(publish)), Role.CLIENT, 64,
            Wire.NO_LIMIT, Integer.MAX_VALUE);

        // when / then
        assertSamePacket(decoder.read(), publish);
    }

    @Test
    void readsATopicLargerThanTheBuffer() throws IOException {
        // given a 16-byte buffer and a topic of 300 bytes
        Publish publish = new Publish("a/".repeat(150), NO_PAYLOAD, 0, false, false, 0, Properties.NONE);
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(encode(publish)), Role.CLIENT, 16,
            Wire.NO_LIMIT, Integer.MAX_VALUE);

        // when / then
        assertSamePacket(decoder.read(), publish);
    }

    @Test
    void skipsAPayloadOverTheLimitAndReadsOnFromTheNextPacket() throws IOException {
        // given a payload limit of 4 bytes, a PUBLISH of 5 and a PINGRESP after it
        byte[] bytes = hex("32 0C 00 03 61 2F 62 00 0A 01 02 03 04 05 D0 00");
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(bytes), Role.CLIENT, 8, Wire.NO_LIMIT, 4);

        // when / then the message can still be acknowledged, and the stream stays in step
        assertThat(decoder.read()).isEqualTo(new OversizedPublish("a/b", 5, 1, 10));
        assertThat(decoder.read()).isEqualTo(PingResp.INSTANCE);
    }

    @Test
    void keepsAPayloadOfExactlyTheLimit() throws IOException {
        // given
        byte[] bytes = hex("30 09 00 03 61 2F 62 01 02 03 04");
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(bytes), Role.CLIENT, 8, Wire.NO_LIMIT, 4);

        // when / then
        assertThat(((Publish) decoder.read()).payload()).containsExactly(1, 2, 3, 4);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            arguments("QoS 3", "36 07 00 03 61 2F 62 00 0A", "[MQTT-3.3.1-4]"),
            arguments("QoS 0 with DUP", "38 05 00 03 61 2F 62", "[MQTT-3.3.1-2]"),
            arguments("packet id 0", "32 07 00 03 61 2F 62 00 00", "[MQTT-2.3.1-1]"),
            arguments("topic with +", "30 05 00 03 61 2F 2B", "[MQTT-3.3.2-2]"),
            arguments("topic with #", "30 05 00 03 61 2F 23", "[MQTT-3.3.2-2]"),
            arguments("empty topic", "30 02 00 00", "[MQTT-4.7.3-1]"),
            arguments("topic encoding a surrogate", "30 05 00 03 ED A0 80", "[MQTT-1.5.3-1]"),
            arguments("topic with U+0000", "30 05 00 03 61 00 62", "[MQTT-1.5.3-2]"),
            arguments("topic longer than the packet", "30 05 00 09 61 2F 62", "announces a topic of 9 bytes"),
            arguments("no room for the packet id", "32 03 00 01 61", "too short"),
            arguments("no room for the topic length", "30 01 00", "too short"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void refusesAMalformedPublish(String what, String bytes, String message) {
        for (Role role : Role.values()) {
            assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(role, bytes))
                .withMessageContaining(message)
                .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void refusesMalformedUtf8InTheTopicWithTheFieldNamed(Role role) {
        assertThatExceptionOfType(MalformedPacketException.class)
            .isThrownBy(() -> decode(role, "30 04 00 02 C0 80"))
            .withMessageStartingWith("the topic name is not well-formed UTF-8");
    }
}
