package dev.tether.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an MQTT 5 receiver would refuse, the encoder refuses to write: an IllegalArgumentException, no byte out. */
class Mqtt5EncoderRefusalTest {

    private static final PacketEncoder ENCODER = new PacketEncoder(ProtocolVersion.MQTT_5);

    static Stream<Arguments> refusals() {
        Properties alias0 = Properties.builder().integer(PropertyIds.TOPIC_ALIAS, 0).build();
        Properties twice = Properties.builder().integer(PropertyIds.RECEIVE_MAXIMUM, 1)
            .integer(PropertyIds.RECEIVE_MAXIMUM, 2).build();
        Properties aliasInConnAck = Properties.builder().integer(PropertyIds.TOPIC_ALIAS, 1).build();
        return Stream.of(
            arguments(new Publish("", new byte[0], 0, false, false, 0, Properties.NONE),
                "a PUBLISH needs a topic name or a Topic Alias"),
            arguments(new Publish("a", new byte[0], 0, false, false, 0, alias0),
                "the Topic Alias of 0 in a PUBLISH is not 1 to 65535"),
            arguments(new ConnAck(false, 0, twice), "the Receive Maximum property may appear only once in a CONNACK"),
            arguments(new ConnAck(false, 0, aliasInConnAck), "the Topic Alias property is not allowed in a CONNACK"),
            arguments(new ConnAck(true, ReasonCodes.NOT_AUTHORIZED, Properties.NONE), "[MQTT-3.2.2-6]"),
            arguments(new ConnAck(false, 1, Properties.NONE), "0x01 granted QoS 1 is not a reason code of CONNACK"),
            arguments(new PubAck(1, ReasonCodes.PACKET_IDENTIFIER_NOT_FOUND, Properties.NONE),
                "0x92 packet identifier not found is not a reason code of PUBACK"),
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("a", 0, false, false, 3)), Properties.NONE),
                "Retain Handling 3 is not 0, 1 or 2"),
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("$share/g/a", 0, true, false, 0)),
                Properties.NONE), "[MQTT-3.8.3-4]"),
            arguments(new SubAck(1, List.of(), Properties.NONE), "a SUBACK needs a reason code per topic filter"),
            arguments(new Disconnect(0x01, Properties.NONE), "is not a reason code of DISCONNECT"),
            arguments(new Auth(0x87, Properties.NONE), "is not a reason code of AUTH"),
            arguments(new Connect(Connect.MQTT_3_1_1, "c", true, 0, Optional.empty(), null, Optional.empty(),
                Properties.NONE), "an MQTT 5 encoder writes protocol level 5, not level 4"),
            arguments(new Connect(Connect.MQTT_5, "c", true, 0, Optional.empty(), null, Optional.empty(),
                Properties.builder().binary(PropertyIds.AUTHENTICATION_DATA, new byte[1]).build()),
                "Authentication Data without an Authentication Method"),
            arguments(new OversizedPublish("a", 10, 0, 0), "an OversizedPublish only reports"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void refusesToWrite(Packet packet, String message) {
        PacketBuffer out = new PacketBuffer(16);

        assertThatIllegalArgumentException().isThrownBy(() -> ENCODER.encode(packet, out))
            .withMessageContaining(message);
        assertThat(out.length()).isZero();
    }
}
