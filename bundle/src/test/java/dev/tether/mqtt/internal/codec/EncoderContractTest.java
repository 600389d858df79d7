package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/**
 * Property: the encoder writes only packets that a receiver reads back as the same packet; what it cannot write
 * faithfully (a field out of range, a packet MQTT 3.1.1 forbids) it refuses with IllegalArgumentException, having
 * written nothing. Over packets whose fields may be anything their records accept.
 */
class EncoderContractTest {

    private static final PacketEncoder ENCODER = new PacketEncoder();
    private static final int MARK = 0x55;

    @Test
    void writesWhatReadsBackTheSameOrRefusesHavingWrittenNothing() {
        Trials.forAll(5_000, EncoderContractTest::anyPacket, packet -> {
            // given a buffer holding a byte already
            PacketBuffer out = new PacketBuffer(4);
            out.writeByte(MARK);

            // when
            try {
                ENCODER.encode(packet, out);
            } catch (IllegalArgumentException refused) {
                // then
                assertThat(out.length()).as("bytes in the buffer after a refusal").isEqualTo(1);
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }

            // then
            byte[] bytes = Arrays.copyOfRange(out.array(), 1, out.length());
            for (Role role : receivers(packet)) {
                assertSamePacket(Wire.decode(role, bytes), packet);
            }
        });
    }

    private static List<Role> receivers(Packet packet) {
        Role one = Wire.receiverOf(packet, Role.CLIENT);
        return one == Wire.receiverOf(packet, Role.SERVER) ? List.of(one) : List.of(Role.CLIENT, Role.SERVER);
    }

    private static Packet anyPacket(Gen gen) {
        return switch (gen.between(0, 9)) {
            case 0, 1 -> {
                int qos = gen.between(0, 2);
                yield new Publish(topic(gen), gen.bytes(gen.between(0, 20)), qos, gen.bool(), gen.oneIn(3),
                    qos == 0 ? 0 : nonZeroId(gen), Properties.NONE);
            }
            case 2 -> gen.pick(new PubAck(id(gen)), new PubRec(id(gen)), new PubRel(id(gen)), new PubComp(id(gen)),
                new UnsubAck(id(gen)));
            case 3 -> connect(gen);
            case 4 -> new ConnAck(gen.bool(), gen.pick(0, 1, 5, 6, 255, 256, -1), Properties.NONE);
            case 5 -> {
                List<Subscribe.Subscription> subscriptions = new ArrayList<>();
                int count = gen.between(1, 3);
                for (int i = 0; i < count; i++) {
                    subscriptions.add(new Subscribe.Subscription(gen.topicFilter(), gen.pick(0, 1, 2, 3, -1, 4)));
                }
                yield new Subscribe(id(gen), subscriptions, Properties.NONE);
            }
            case 6 -> new SubAck(id(gen), List.of(gen.pick(0, 1, 2, 0x80, 3, 0x81, 256, -1)), Properties.NONE);
            case 7 -> new Unsubscribe(id(gen), List.of(gen.topicFilter()), Properties.NONE);
            case 8 -> new OversizedPublish("a", 10, 1, 1);
            default -> gen.pick(PingReq.INSTANCE, PingResp.INSTANCE, Disconnect.NORMAL);
        };
    }

    private static Connect connect(Gen gen) {
        Optional<String> user = gen.bool() ? Optional.of(gen.text(0, 5, c -> true)) : Optional.empty();
        byte[] password = gen.bool() ? gen.bytes(gen.between(0, 5)) : null;
        Optional<Connect.Will> will = gen.bool()
            ? Optional.of(new Connect.Will(topic(gen), gen.bytes(3), gen.pick(0, 1, 2, 3, 4, -1), gen.bool()))
            : Optional.empty();
        return new Connect(gen.pick(4, 4, 4, 3, 5), gen.text(0, 5, c -> true), gen.bool(),
            gen.pick(0, 10, 65_535, 65_536, -1), user, password, will, Properties.NONE);
    }

    private static String topic(Gen gen) {
        return gen.oneIn(2) ? gen.topicName() : gen.pick("", "a/+", "#", "a/#", "+");
    }

    private static int id(Gen gen) {
        return gen.oneIn(2) ? gen.packetId() : gen.pick(0, -1, 65_536, 70_000, Integer.MAX_VALUE);
    }

    private static int nonZeroId(Gen gen) {
        return gen.oneIn(2) ? gen.packetId() : gen.pick(-1, 65_536, 70_000, Integer.MAX_VALUE);
    }
}
