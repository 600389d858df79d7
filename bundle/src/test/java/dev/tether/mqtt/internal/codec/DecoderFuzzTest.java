package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.NO_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/**
 * Property: whatever bytes arrive, the decoder returns packets, or throws EOFException or MalformedPacketException;
 * never another exception (IndexOutOfBounds, NegativeArraySize, IllegalArgument, OutOfMemoryError...), never a
 * spin. Random bytes and mutations of valid encodings, read in both roles, with large and tiny buffers and limits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class DecoderFuzzTest {

    /** One way of reading: the role, the buffer, the limits and how the bytes arrive; MQTT 3.1.1 unless said. */
    private record Reader(Role role, int bufferSize, int maxPacketSize, int maxPayload, int maxChunk,
            ProtocolVersion version) {

        Reader(Role role, int bufferSize, int maxPacketSize, int maxPayload, int maxChunk) {
            this(role, bufferSize, maxPacketSize, maxPayload, maxChunk, ProtocolVersion.MQTT_3_1_1);
        }
    }

    private static final List<Reader> READERS = List.of(
        new Reader(Role.CLIENT, 8_192, NO_LIMIT, Integer.MAX_VALUE, Integer.MAX_VALUE),
        new Reader(Role.SERVER, 8_192, NO_LIMIT, Integer.MAX_VALUE, Integer.MAX_VALUE),
        new Reader(Role.CLIENT, 2, NO_LIMIT, 0, 3),
        new Reader(Role.SERVER, 2, NO_LIMIT, 0, 3),
        new Reader(Role.CLIENT, 16, 100, 10, 7),
        new Reader(Role.SERVER, 16, 100, 10, 7));

    private static final List<Reader> MQTT_5_READERS = List.of(
        new Reader(Role.CLIENT, 8_192, NO_LIMIT, Integer.MAX_VALUE, Integer.MAX_VALUE, ProtocolVersion.MQTT_5),
        new Reader(Role.SERVER, 8_192, NO_LIMIT, Integer.MAX_VALUE, Integer.MAX_VALUE, ProtocolVersion.MQTT_5),
        new Reader(Role.CLIENT, 2, NO_LIMIT, 0, 3, ProtocolVersion.MQTT_5),
        new Reader(Role.SERVER, 2, NO_LIMIT, 0, 3, ProtocolVersion.MQTT_5),
        new Reader(Role.CLIENT, 16, 100, 10, 7, ProtocolVersion.MQTT_5),
        new Reader(Role.SERVER, 16, 100, 10, 7, ProtocolVersion.MQTT_5));

    @Test
    void randomBytesGiveOnlyPacketsEndOfStreamOrMalformedPacket() {
        Trials.forAll(3_000, gen -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (gen.bool()) {
                // a plausible first byte, so that more tries get past the packet type
                bytes.write(gen.between(1, 14) << 4 | gen.pick(0, 2, gen.between(0, 15)));
            }
            bytes.writeBytes(gen.bytes(gen.size(600, 0, 1, 2, 5)));
            return bytes.toByteArray();
        }, DecoderFuzzTest::readAllWays);
    }

    @Test
    void mutatedPacketsGiveOnlyPacketsEndOfStreamOrMalformedPacket() {
        Trials.forAll(4_000, gen -> {
            ByteArrayOutputStream valid = new ByteArrayOutputStream();
            Role role = gen.pick(Role.values());
            int count = gen.between(1, 3);
            for (int i = 0; i < count; i++) {
                valid.writeBytes(Wire.encode(ArbitraryPackets.receivableBy(role, gen, 200)));
            }
            return Mutations.mutate(gen, valid.toByteArray());
        }, DecoderFuzzTest::readAllWays);
    }

    @Test
    void randomBytesGiveOnlyPacketsEndOfStreamOrMalformedPacketOnMqtt5() {
        Trials.forAll(3_000, gen -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (gen.bool()) {
                // a plausible first byte, so that more tries get past the packet type; AUTH is one on MQTT 5
                bytes.write(gen.between(1, 15) << 4 | gen.pick(0, 2, gen.between(0, 15)));
                if (gen.bool()) {
                    // a plausible remaining length, so that more tries reach the properties
                    bytes.write(gen.between(0, 60));
                }
            }
            bytes.writeBytes(gen.bytes(gen.size(600, 0, 1, 2, 5)));
            return bytes.toByteArray();
        }, bytes -> readAllWays(bytes, MQTT_5_READERS));
    }

    @Test
    void mutatedMqtt5PacketsGiveOnlyPacketsEndOfStreamOrMalformedPacket() {
        Trials.forAll(4_000, gen -> {
            ByteArrayOutputStream valid = new ByteArrayOutputStream();
            Role role = gen.pick(Role.values());
            int count = gen.between(1, 3);
            for (int i = 0; i < count; i++) {
                valid.writeBytes(Wire.encode5(ArbitraryPackets.receivableBy(role, gen, 200, ProtocolVersion.MQTT_5)));
            }
            return Mutations.mutate(gen, valid.toByteArray());
        }, bytes -> readAllWays(bytes, MQTT_5_READERS));
    }

    private static void readAllWays(byte[] bytes) throws IOException {
        readAllWays(bytes, READERS);
    }

    private static void readAllWays(byte[] bytes, List<Reader> readers) throws IOException {
        for (Reader reader : readers) {
            readAll(bytes, reader);
        }
    }

    private static void readAll(byte[] bytes, Reader reader) throws IOException {
        InputStream in = new ChunkedInputStream(bytes, bytes.length, reader.maxChunk());
        PacketDecoder decoder = new PacketDecoder(in, reader.role(), reader.version(), reader.bufferSize(),
            reader.bufferSize(), reader.maxPacketSize(), reader.maxPayload());
        // every packet takes at least 2 bytes: one read more must end in an exception
        for (int packets = 0; packets <= bytes.length / 2; packets++) {
            try {
                assertThat(decoder.read()).isNotNull();
            } catch (EOFException e) {
                assertThat(e.getMessage()).as("EOFException message").isNotBlank();
                return;
            } catch (MalformedPacketException e) {
                assertThat(e.getMessage()).as("MalformedPacketException message").isNotBlank();
                assertThat(e.reasonCode()).isIn(MalformedPacketException.MALFORMED_PACKET,
                    MalformedPacketException.PROTOCOL_ERROR, MalformedPacketException.PACKET_TOO_LARGE,
                    reader.version() == ProtocolVersion.MQTT_5 ? MalformedPacketException.UNSUPPORTED_PROTOCOL_VERSION
                        : MalformedPacketException.MALFORMED_PACKET);
                return;
            }
        }
        fail("%s read more packets than %d bytes can hold", reader, bytes.length);
    }
}
