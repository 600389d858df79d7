package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.NO_LIMIT;
import static dev.tether.mqtt.internal.codec.Wire.concat;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** Property: what the encoder writes, the decoder of the receiving side reads back as the same packet. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class CodecRoundTripTest {

    record OnePacket(Role role, Packet packet, int bufferSize) {
    }

    record Stream(Role role, List<Packet> packets, int bufferSize, int maxPayload, int maxChunk, long seed) {
    }

    @Test
    void decodingWhatWasEncodedGivesThePacketBack() {
        Trials.forAll(2_000, gen -> {
            Role role = gen.pick(Role.values());
            Packet packet = ArbitraryPackets.receivableBy(role, gen, ArbitraryPackets.MAX_PAYLOAD);
            return new OnePacket(role, packet, gen.pick(2, 3, 16, 64, 1_000, 8_192));
        }, given -> {
            // given
            byte[] bytes = encode(given.packet());
            PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(bytes), given.role(),
                given.bufferSize(), NO_LIMIT, Integer.MAX_VALUE);

            // when
            Packet read = decoder.read();

            // then
            assertSamePacket(read, given.packet());
            assertThat(decoder.hasBuffered()).isFalse();
            assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
                .withMessage("the connection was closed by the peer");
        });
    }

    @Test
    void decodesPacketsBackToBackFromAStreamThatArrivesInPieces() {
        Trials.forAll(1_000, gen -> {
            Role role = gen.pick(Role.values());
            List<Packet> packets = new ArrayList<>();
            int count = gen.between(1, 8);
            for (int i = 0; i < count; i++) {
                int maxPayload = gen.oneIn(10) ? ArbitraryPackets.MAX_PAYLOAD : 300;
                packets.add(ArbitraryPackets.receivableBy(role, gen, maxPayload));
            }
            return new Stream(role, packets, gen.pick(2, 3, 5, 16, 64, 1_000, 8_192),
                gen.pick(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 100, 5_000), gen.pick(1, 2, 3, 7, 64, 1_500, 65_536),
                gen.nextLong());
        }, given -> {
            // given the packets one after the other, handed out 1..maxChunk bytes a read
            byte[] bytes = concat(given.packets().stream().map(Wire::encode).toArray(byte[][]::new));
            PacketDecoder decoder = new PacketDecoder(new ChunkedInputStream(bytes, given.seed(), given.maxChunk()),
                given.role(), given.bufferSize(), NO_LIMIT, given.maxPayload());

            // when / then each packet comes out whole, or without its payload when that is over the limit
            for (Packet packet : given.packets()) {
                assertSamePacket(decoder.read(), withPayloadLimit(packet, given.maxPayload()));
            }
            assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
                .withMessage("the connection was closed by the peer");
        });
    }

    @Test
    void decodingWhatWasEncodedOnMqtt5GivesThePacketBack() {
        Trials.forAll(2_000, gen -> {
            Role role = gen.pick(Role.values());
            Packet packet = ArbitraryPackets.receivableBy(role, gen, ArbitraryPackets.MAX_PAYLOAD,
                ProtocolVersion.MQTT_5);
            return new OnePacket(role, packet, gen.pick(2, 3, 16, 64, 1_000, 8_192));
        }, given -> {
            // given
            byte[] bytes = Wire.encode5(given.packet());
            PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(bytes), given.role(),
                ProtocolVersion.MQTT_5, given.bufferSize(), given.bufferSize(), NO_LIMIT, Integer.MAX_VALUE);

            // when
            Packet read = decoder.read();

            // then
            assertSamePacket(read, given.packet());
            assertThat(decoder.hasBuffered()).isFalse();
            assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
                .withMessage("the connection was closed by the peer");
        });
    }

    @Test
    void decodesMqtt5PacketsBackToBackFromAStreamThatArrivesInPieces() {
        Trials.forAll(1_000, gen -> {
            Role role = gen.pick(Role.values());
            List<Packet> packets = new ArrayList<>();
            int count = gen.between(1, 8);
            for (int i = 0; i < count; i++) {
                int maxPayload = gen.oneIn(10) ? ArbitraryPackets.MAX_PAYLOAD : 300;
                Packet packet = ArbitraryPackets.receivableBy(role, gen, maxPayload, ProtocolVersion.MQTT_5);
                // a server reads CONNECT by its level, and the session refuses a second one: CONNECT only first
                if (!(packet instanceof Connect) || i == 0) {
                    packets.add(packet);
                }
            }
            return new Stream(role, packets, gen.pick(2, 3, 5, 16, 64, 1_000, 8_192),
                gen.pick(Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 100, 5_000), gen.pick(1, 2, 3, 7, 64, 1_500, 65_536),
                gen.nextLong());
        }, given -> {
            // given the packets one after the other, handed out 1..maxChunk bytes a read
            byte[] bytes = concat(given.packets().stream().map(Wire::encode5).toArray(byte[][]::new));
            PacketDecoder decoder = new PacketDecoder(new ChunkedInputStream(bytes, given.seed(), given.maxChunk()),
                given.role(), ProtocolVersion.MQTT_5, given.bufferSize(), given.bufferSize(), NO_LIMIT,
                given.maxPayload());

            // when / then each packet comes out whole, or without its payload when that is over the limit
            for (Packet packet : given.packets()) {
                assertSamePacket(decoder.read(), withPayloadLimit(packet, given.maxPayload()));
            }
            assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
                .withMessage("the connection was closed by the peer");
        });
    }

    private static Packet withPayloadLimit(Packet packet, int maxPayload) {
        if (packet instanceof Publish publish && publish.payload().length > maxPayload) {
            return new OversizedPublish(publish.topic(), publish.payload().length, publish.qos(), publish.packetId(),
                publish.properties());
        }
        return packet;
    }
}
