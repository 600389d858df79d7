package dev.tether.mqtt.internal.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the encoder cannot write as the packet it was given, it refuses before writing anything. */
class EncoderRefusalTest {

    private static final byte[] NONE = new byte[0];

    static Stream<Arguments> unwritable() {
        return Stream.of(
            // a packet id is two bytes and never 0 [MQTT-2.3.1-1]: 65,536 would go out as 0, 70,000 as 4,464
            arguments(new PubAck(0), "packet id of 1 to 65535"),
            arguments(new PubAck(65_536), "packet id of 1 to 65535"),
            arguments(new PubRec(-1), "packet id of 1 to 65535"),
            arguments(new PubRel(70_000), "packet id of 1 to 65535"),
            arguments(new PubComp(0), "packet id of 1 to 65535"),
            arguments(new UnsubAck(65_536), "packet id of 1 to 65535"),
            arguments(new Publish("a", NONE, 1, false, false, 65_536, Properties.NONE), "packet id of 1 to 65535"),
            arguments(new Subscribe(0, List.of(new Subscribe.Subscription("a", 0)), Properties.NONE),
                "packet id of 1 to 65535"),
            arguments(new SubAck(65_536, List.of(0), Properties.NONE), "packet id of 1 to 65535"),
            arguments(new Unsubscribe(0, List.of("a"), Properties.NONE), "packet id of 1 to 65535"),
            // PUBLISH rules a receiver closes the connection for
            arguments(new Publish("a", NONE, 0, false, true, 0, Properties.NONE), "[MQTT-3.3.1-2]"),
            arguments(new Publish("", NONE, 0, false, false, 0, Properties.NONE), "[MQTT-4.7.3-1]"),
            arguments(new Publish("a/+", NONE, 0, false, false, 0, Properties.NONE), "[MQTT-3.3.2-2]"),
            arguments(new Publish("a/#", NONE, 1, false, false, 1, Properties.NONE), "[MQTT-3.3.2-2]"),
            // QoS and return codes outside their tables
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("a", 3)), Properties.NONE),
                "[MQTT-3.8.3-4]"),
            arguments(new Subscribe(1, List.of(new Subscribe.Subscription("a", -1)), Properties.NONE),
                "[MQTT-3.8.3-4]"),
            arguments(new SubAck(1, List.of(0, 3), Properties.NONE), "[MQTT-3.9.3-2]"),
            arguments(new SubAck(1, List.of(0x180), Properties.NONE), "[MQTT-3.9.3-2]"),
            arguments(new ConnAck(false, 6, Properties.NONE), "return code"),
            arguments(new ConnAck(false, -1, Properties.NONE), "return code"),
            // CONNECT
            arguments(connect(4, 65_536, Optional.of("u"), null, Optional.empty()), "keep alive"),
            arguments(connect(4, -1, Optional.of("u"), null, Optional.empty()), "keep alive"),
            arguments(connect(4, 10, Optional.empty(), "p".getBytes(UTF_8), Optional.empty()), "[MQTT-3.1.2-22]"),
            arguments(connect(4, 10, Optional.empty(), null, Optional.of(new Connect.Will("w", NONE, 3, false))),
                "[MQTT-3.1.2-14]"),
            arguments(connect(4, 10, Optional.empty(), null, Optional.of(new Connect.Will("w", NONE, 4, false))),
                "[MQTT-3.1.2-14]"),
            arguments(connect(3, 10, Optional.empty(), null, Optional.empty()), "protocol level 4"),
            arguments(connect(5, 10, Optional.empty(), null, Optional.empty()), "protocol level 4"),
            // what the decoder returns for a payload it skipped has no payload to send
            arguments(new OversizedPublish("a", 10, 1, 1), "OversizedPublish"));
    }

    private static Connect connect(int level, int keepAlive, Optional<String> user, byte[] password,
            Optional<Connect.Will> will) {
        return new Connect(level, "c", true, keepAlive, user, password, will, Properties.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unwritable")
    void refusesAPacketItCannotWriteFaithfully(Packet packet, String message) {
        // given a buffer with a byte in it
        PacketBuffer out = new PacketBuffer(4);
        out.writeByte(0x55);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> new PacketEncoder().encode(packet, out))
            .withMessageContaining(message);
        assertThat(out.length()).as("bytes in the buffer").isEqualTo(1);
    }
}
