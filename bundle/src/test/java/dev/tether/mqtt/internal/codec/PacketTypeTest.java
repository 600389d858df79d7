package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.decode;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** The first byte of the fixed header: the packet type (2.2.1), who may receive it, and its flags (2.2.2). */
class PacketTypeTest {

    /** One valid packet of every type but PUBLISH, with the side that receives it. */
    static Stream<Arguments> everyTypeButPublish() {
        return Stream.of(
            arguments(new Connect(Connect.MQTT_3_1_1, "c", true, 60, Optional.empty(), null, Optional.empty(),
                Properties.NONE), Role.SERVER),
            arguments(new ConnAck(false, 0, Properties.NONE), Role.CLIENT),
            arguments(new PubAck(1), Role.CLIENT),
            arguments(new PubRec(1), Role.SERVER),
            arguments(new PubRel(1), Role.CLIENT),
            arguments(new PubComp(1), Role.SERVER),
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("a", 1)), Properties.NONE), Role.SERVER),
            arguments(new SubAck(1, List.of(1), Properties.NONE), Role.CLIENT),
            arguments(new Unsubscribe(1, List.of("a"), Properties.NONE), Role.SERVER),
            arguments(new UnsubAck(1), Role.CLIENT),
            arguments(PingReq.INSTANCE, Role.SERVER),
            arguments(PingResp.INSTANCE, Role.CLIENT),
            arguments(Disconnect.NORMAL, Role.SERVER));
    }

    /** Every packet above with each flag value but the one Table 2.2 - Flag Bits reserves for its type. */
    static Stream<Arguments> wrongFlags() {
        return everyTypeButPublish().flatMap(arguments -> {
            Packet packet = (Packet) arguments.get()[0];
            byte[] valid = encode(packet);
            int reserved = valid[0] & 0x0F;
            return IntStream.range(0, 16).filter(flags -> flags != reserved).mapToObj(flags -> {
                byte[] bytes = valid.clone();
                bytes[0] = (byte) (packet.type().code() << 4 | flags);
                return arguments(packet.type(), flags, bytes, arguments.get()[1]);
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTypeButPublish")
    void theValidPacketsBelowAreRead(Packet packet, Role receiver) throws IOException {
        assertThat(decode(receiver, encode(packet))).usingRecursiveComparison().isEqualTo(packet);
    }

    @ParameterizedTest(name = "{0} with flags {1}")
    @MethodSource("wrongFlags")
    void refusesFlagsOtherThanTheReservedOnes(PacketType type, int flags, byte[] bytes, Role receiver) {
        // [MQTT-2.2.2-2]; PUBREL, SUBSCRIBE and UNSUBSCRIBE: [MQTT-3.6.1-1], [MQTT-3.8.1-1], [MQTT-3.10.1-1]
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(receiver, bytes))
            .withMessageContaining("fixed header flags of a " + type).withMessageContaining("[MQTT-2.2.2-2]")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "type {0} read by the {1}")
    @CsvSource({"00, CLIENT", "00, SERVER", "F0, CLIENT", "F0, SERVER", "0F, CLIENT", "F2, SERVER"})
    void refusesTheReservedPacketTypes(String firstByte, Role receiver) {
        // Table 2.1 - Control packet types: 0 and 15 are reserved, "forbidden"
        assertThatExceptionOfType(MalformedPacketException.class)
            .isThrownBy(() -> decode(receiver, firstByte + " 00"))
            .withMessageMatching("packet type (0|15) is reserved in MQTT 3.1.1")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.MALFORMED_PACKET);
    }

    /** Table 2.1, direction of flow: what the server sends, a server never receives, and the other way round. */
    static Stream<Arguments> wrongDirection() {
        return everyTypeButPublish().filter(arguments -> !List.of(PacketType.PUBACK, PacketType.PUBREC,
            PacketType.PUBREL, PacketType.PUBCOMP).contains(((Packet) arguments.get()[0]).type()))
            .map(arguments -> arguments(((Packet) arguments.get()[0]).type(), encode((Packet) arguments.get()[0]),
                arguments.get()[1] == Role.CLIENT ? Role.SERVER : Role.CLIENT));
    }

    @ParameterizedTest(name = "{0} read by the {2}")
    @MethodSource("wrongDirection")
    void refusesAPacketThatOnlyTheOtherSideReceives(PacketType type, byte[] bytes, Role wrongReceiver) {
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(() -> decode(wrongReceiver, bytes))
            .withMessage("a " + wrongReceiver.name().toLowerCase() + " never receives " + type
                + " (MQTT 3.1.1, 2.2.1)")
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PROTOCOL_ERROR);
    }
}
