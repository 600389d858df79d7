package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.decode5;
import static dev.tether.mqtt.internal.codec.Wire.encode5;
import static dev.tether.mqtt.internal.codec.Wire.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** Every packet type's MQTT 5.0 form, byte for byte: the specification's example and bytes checked by hand. */
class Mqtt5CodecTest {

    /**
     * The CONNECT variable header example of MQTT 5.0, 3.1.2.11 (Figure 3-6 there): "MQTT", level 5, flags
     * 11001110, keep alive 10, properties of 5 bytes: Session Expiry Interval (0x11) of 10.
     */
    private static final String SPEC_VARIABLE_HEADER = "00 04 4D 51 54 54 05 CE 00 0A 05 11 00 00 00 0A";

    private static final Connect SPEC_CONNECT = new Connect(Connect.MQTT_5, "tether", true, 10, Optional.of("u"),
        "p".getBytes(UTF_8), Optional.of(new Connect.Will("w", "bye".getBytes(UTF_8), 1, false, Properties.NONE)),
        Properties.builder().integer(PropertyIds.SESSION_EXPIRY_INTERVAL, 10).build());

    /** Then client id, will properties (none), will topic, will payload, user name, password (3.1.3). */
    private static final String SPEC_CONNECT_BYTES = "10 27 " + SPEC_VARIABLE_HEADER
        + " 00 06 74 65 74 68 65 72 00 00 01 77 00 03 62 79 65 00 01 75 00 01 70";

    @Test
    void writesTheConnectVariableHeaderOfTheSpecification() {
        byte[] bytes = encode5(SPEC_CONNECT);

        assertThat(hex(Arrays.copyOfRange(bytes, 2, 18))).isEqualTo(SPEC_VARIABLE_HEADER);
        assertThat(hex(bytes)).isEqualTo(SPEC_CONNECT_BYTES);
    }

    @Test
    void readsTheConnectOfTheSpecification() throws IOException {
        Connect read = (Connect) decode5(Role.SERVER, SPEC_CONNECT_BYTES);

        assertSamePacket(read, SPEC_CONNECT);
        assertThat(read.properties().integer(PropertyIds.SESSION_EXPIRY_INTERVAL)).hasValue(10);
    }

    @Test
    void writesAndReadsWillPropertiesAndAPasswordWithoutUserName() throws IOException {
        // given will properties of 3.1.3.2, and a password alone, which MQTT 5 allows (3.1.2.9)
        Properties will = Properties.builder().integer(PropertyIds.WILL_DELAY_INTERVAL, 0xFFFF_FFFFL)
            .integer(PropertyIds.PAYLOAD_FORMAT_INDICATOR, 1).string(PropertyIds.CONTENT_TYPE, "t")
            .binary(PropertyIds.CORRELATION_DATA, new byte[] {7}).userProperty("k", "v").build();
        Connect connect = new Connect(Connect.MQTT_5, "", true, 0, Optional.empty(), new byte[] {1},
            Optional.of(new Connect.Will("w", new byte[0], 2, true, will)), Properties.NONE);
        String bytes = "10 2C 00 04 4D 51 54 54 05 76 00 00 00 00 00"
            + " 16 18 FF FF FF FF 01 01 03 00 01 74 09 00 01 07 26 00 01 6B 00 01 76"
            + " 00 01 77 00 00 00 01 01";

        // when / then
        assertThat(hex(encode5(connect))).isEqualTo(bytes);
        Connect read = (Connect) decode5(Role.SERVER, bytes);
        assertSamePacket(read, connect);
        assertThat(read.will().orElseThrow().properties().integer(PropertyIds.WILL_DELAY_INTERVAL))
            .hasValue(4_294_967_295L);
    }

    /** The spec's Variable Byte Integer examples, MQTT 5.0, 1.5.5 (Table 1-1 and the text after it). */
    static Stream<Arguments> variableByteIntegers() {
        return Stream.of(arguments(0, "00"), arguments(127, "7F"), arguments(128, "80 01"),
            arguments(16_383, "FF 7F"), arguments(16_384, "80 80 01"), arguments(2_097_151, "FF FF 7F"),
            arguments(2_097_152, "80 80 80 01"), arguments(268_435_455, "FF FF FF 7F"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("variableByteIntegers")
    void writesAndReadsVariableByteIntegersAsTheSpecificationShows(int value, String bytes)
            throws MalformedPacketException {
        PacketBuffer out = new PacketBuffer(4);
        out.writeVariableInt(value);
        byte[] written = out.toByteArray();

        assertThat(hex(written)).isEqualTo(bytes);
        assertThat(PacketBuffer.variableIntSize(value)).isEqualTo(written.length);
        assertThat(new PacketBody(PacketType.PUBLISH, written, 0, written.length).variableInteger("it"))
            .isEqualTo(value);
    }

    /** A packet, its MQTT 5 bytes, worked out by hand from chapter 3, and the side that reads it. */
    static Stream<Arguments> packets() {
        Properties reason = Properties.builder().string(PropertyIds.REASON_STRING, "no").build();
        return Stream.of(
            // CONNACK (3.2): flags, reason code, properties
            arguments(new ConnAck(false, 0, Properties.NONE), "20 03 00 00 00", Role.CLIENT),
            arguments(new ConnAck(true, 0, Properties.builder().integer(PropertyIds.RECEIVE_MAXIMUM, 20)
                .integer(PropertyIds.TOPIC_ALIAS_MAXIMUM, 10).string(PropertyIds.ASSIGNED_CLIENT_IDENTIFIER, "c1")
                .build()), "20 0E 01 00 0B 21 00 14 22 00 0A 12 00 02 63 31", Role.CLIENT),
            arguments(new ConnAck(false, ReasonCodes.NOT_AUTHORIZED, reason), "20 08 00 87 05 1F 00 02 6E 6F",
                Role.CLIENT),
            // PUBLISH (3.3): topic, packet id, properties (several subscription identifiers), payload
            arguments(new Publish("a/b", "hi".getBytes(UTF_8), 1, false, false, 10, Properties.builder()
                .integer(PropertyIds.PAYLOAD_FORMAT_INDICATOR, 1).integer(PropertyIds.TOPIC_ALIAS, 5)
                .subscriptionIdentifier(1).subscriptionIdentifier(300).build()),
                "32 14 00 03 61 2F 62 00 0A 0A 01 01 23 00 05 0B 01 0B AC 02 68 69", Role.CLIENT),
            arguments(new Publish("a", "x".getBytes(UTF_8), 0, true, false, 0, Properties.NONE),
                "31 05 00 01 61 00 78", Role.SERVER),
            // an empty topic name with a Topic Alias: the session resolves it (3.3.2.3.4)
            arguments(new Publish("", "x".getBytes(UTF_8), 0, false, false, 0,
                Properties.builder().integer(PropertyIds.TOPIC_ALIAS, 5).build()), "30 07 00 00 03 23 00 05 78",
                Role.SERVER),
            // PUBACK, PUBREC, PUBREL, PUBCOMP (3.4 to 3.7): the shortest form that holds what they say (3.4.2.1)
            arguments(new PubAck(10), "40 02 00 0A", Role.CLIENT),
            arguments(new PubAck(10, ReasonCodes.NO_MATCHING_SUBSCRIBERS, Properties.NONE), "40 03 00 0A 10",
                Role.SERVER),
            arguments(new PubAck(10, ReasonCodes.NOT_AUTHORIZED, reason), "40 09 00 0A 87 05 1F 00 02 6E 6F",
                Role.CLIENT),
            arguments(new PubRec(10, ReasonCodes.UNSPECIFIED_ERROR, Properties.NONE), "50 03 00 0A 80",
                Role.CLIENT),
            arguments(new PubRel(10, ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND, Properties.NONE), "62 03 00 0A 92",
                Role.SERVER),
            arguments(new PubComp(10, 0, Properties.builder().userProperty("k", "v").build()),
                "70 0B 00 0A 00 07 26 00 01 6B 00 01 76", Role.CLIENT),
            // SUBSCRIBE (3.8): properties, then each filter with its options byte (3.8.3.1)
            arguments(new Subscribe(10, List.of(new Subscribe.Subscription("a/#", 1, true, true,
                Subscribe.Subscription.DO_NOT_SEND)), Properties.builder().subscriptionIdentifier(7).build()),
                "82 0B 00 0A 02 0B 07 00 03 61 2F 23 2D", Role.SERVER),
            arguments(new Subscribe(10, List.of(new Subscribe.Subscription("a", 2), new Subscribe.Subscription("b",
                0, false, false, Subscribe.Subscription.SEND_IF_NEW)), Properties.NONE),
                "82 0B 00 0A 00 00 01 61 02 00 01 62 10", Role.SERVER),
            // SUBACK (3.9), UNSUBSCRIBE (3.10), UNSUBACK (3.11)
            arguments(new SubAck(10, List.of(1, ReasonCodes.NOT_AUTHORIZED), Properties.NONE), "90 05 00 0A 00 01 87",
                Role.CLIENT),
            arguments(new Unsubscribe(10, List.of("a"), Properties.NONE), "A2 06 00 0A 00 00 01 61", Role.SERVER),
            arguments(new UnsubAck(10, List.of(0, ReasonCodes.NO_SUBSCRIPTION_EXISTED), reason),
                "B0 0A 00 0A 05 1F 00 02 6E 6F 00 11", Role.CLIENT),
            // PINGREQ, PINGRESP (3.12, 3.13) as in MQTT 3.1.1
            arguments(PingReq.INSTANCE, "C0 00", Role.SERVER),
            arguments(PingResp.INSTANCE, "D0 00", Role.CLIENT),
            // DISCONNECT (3.14): nothing for a normal disconnection, a reason code alone, or with properties
            arguments(Disconnect.NORMAL, "E0 00", Role.SERVER),
            arguments(Disconnect.NORMAL, "E0 00", Role.CLIENT),
            arguments(new Disconnect(ReasonCodes.SESSION_TAKEN_OVER, Properties.NONE), "E0 01 8E", Role.CLIENT),
            arguments(new Disconnect(0, Properties.builder().integer(PropertyIds.SESSION_EXPIRY_INTERVAL, 3_600)
                .build()), "E0 07 00 05 11 00 00 0E 10", Role.SERVER),
            arguments(new Disconnect(ReasonCodes.USE_ANOTHER_SERVER, Properties.builder()
                .string(PropertyIds.SERVER_REFERENCE, "b").build()), "E0 06 9C 04 1C 00 01 62", Role.CLIENT),
            // AUTH (3.15)
            arguments(new Auth(0, Properties.NONE), "F0 00", Role.CLIENT),
            arguments(new Auth(ReasonCodes.CONTINUE_AUTHENTICATION, Properties.builder()
                .string(PropertyIds.AUTHENTICATION_METHOD, "m").binary(PropertyIds.AUTHENTICATION_DATA,
                    new byte[] {1, 2}).build()), "F0 0B 18 09 15 00 01 6D 16 00 02 01 02", Role.SERVER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("packets")
    void encodesAsWorkedOut(Packet packet, String expected, Role receiver) {
        assertThat(hex(encode5(packet))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2} reads {1}")
    @MethodSource("packets")
    void decodesAsWorkedOut(Packet packet, String bytes, Role receiver) throws IOException {
        assertSamePacket(decode5(receiver, bytes), packet);
    }

    /** Longer forms a peer may send, which the encoder never writes: the same packet as the short form. */
    static Stream<Arguments> longerForms() {
        return Stream.of(
            arguments("PUBACK with reason code 0 and property length 0", "40 04 00 0A 00 00", new PubAck(10)),
            arguments("PUBREL with reason code 0", "62 03 00 0A 00", new PubRel(10)),
            arguments("DISCONNECT with reason code 0", "E0 01 00", Disconnect.NORMAL),
            arguments("DISCONNECT with reason code 0 and property length 0", "E0 02 00 00", Disconnect.NORMAL),
            arguments("AUTH with reason code 0 and property length 0", "F0 02 00 00", new Auth(0, Properties.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longerForms")
    void readsTheLongerFormsToo(String what, String bytes, Packet expected) throws IOException {
        assertThat(decode5(Role.CLIENT, bytes)).isEqualTo(expected);
    }

    @Test
    void readsTheRefusalOfAnMqtt311BrokerSoThatTheSessionMayFallBack() throws IOException {
        // given an MQTT 3.1.1 broker's answer to a CONNECT of level 5: unacceptable protocol version
        ConnAck refusal = (ConnAck) decode5(Role.CLIENT, "20 02 00 01");

        // then
        assertThat(refusal.returnCode()).isEqualTo(1);
        assertThat(refusal.describe()).isEqualTo("unacceptable protocol version (CONNACK return code 1)");
    }

    @Test
    void namesAnMqtt5RefusalWithItsReasonString() throws IOException {
        ConnAck refusal = (ConnAck) decode5(Role.CLIENT, "20 08 00 87 05 1F 00 02 6E 6F");

        assertThat(refusal.describe()).isEqualTo("not authorized (CONNACK reason code 0x87): no");
    }

    @Test
    void aServerLearnsTheVersionFromTheConnect() throws IOException {
        // given a server that speaks up to MQTT 5, reading a CONNECT of level 4, then a PUBLISH
        byte[] bytes = Wire.concat(hex("10 0C 00 04 4D 51 54 54 04 02 00 00 00 00"), hex("30 04 00 01 61 78"));
        PacketDecoder decoder = Wire.decoder5(Role.SERVER, new java.io.ByteArrayInputStream(bytes));

        // when
        Connect connect = (Connect) decoder.read();
        Publish publish = (Publish) decoder.read();

        // then the PUBLISH is read as MQTT 3.1.1 lays it out: no property length
        assertThat(connect.protocolLevel()).isEqualTo(Connect.MQTT_3_1_1);
        assertThat(decoder.version()).isEqualTo(ProtocolVersion.MQTT_3_1_1);
        assertThat(publish.payload()).containsExactly('x');
    }
}
