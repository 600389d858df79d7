package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** A remaining length of 256 MB announced by a broker must not make the client allocate 256 MB. */
class BoundedAllocationTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MB = 1 << 20;

    /** A QoS 1 PUBLISH to "a/b", packet id 10, announcing 268,435,455 bytes (the most, Table 2.4). */
    private static final byte[] HUGE_PUBLISH = hex("32 FF FF FF 7F 00 03 61 2F 62 00 0A");
    private static final long HUGE_PAYLOAD = 268_435_455 - 7;

    @BeforeAll
    static void measurable() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
            "this JVM does not count the bytes a thread allocates");
    }

    @Test
    void skipsAHugePayloadOverTheLimitWithoutStoringIt() throws IOException {
        // given the whole 256 MB PUBLISH, generated as it is read, and a payload limit of 1,024 bytes
        GeneratedInputStream in = new GeneratedInputStream(HUGE_PUBLISH, 5 + 268_435_455L);
        PacketDecoder decoder = new PacketDecoder(in, Role.CLIENT, Wire.BUFFER, Wire.NO_LIMIT, 1024);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when
        Packet packet = decoder.read();

        // then the message is there to acknowledge, its payload read to the end and never held
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(packet).isEqualTo(new OversizedPublish("a/b", (int) HUGE_PAYLOAD, 1, 10));
        assertThat(in.served()).isEqualTo(5 + 268_435_455L);
        assertThat(allocated).as("bytes allocated").isLessThan(MB);
    }

    @Test
    void allocatesWhatArrivesNotWhatIsAnnounced() {
        // given the 256 MB PUBLISH that ends after 100 KB of payload, and no payload limit
        GeneratedInputStream in = new GeneratedInputStream(HUGE_PUBLISH, HUGE_PUBLISH.length + 100 * 1024);
        PacketDecoder decoder = new PacketDecoder(in, Role.CLIENT, Wire.BUFFER, Wire.NO_LIMIT, Integer.MAX_VALUE);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection ended in the middle of a PUBLISH packet of 268435455 bytes");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(8 * MB);
    }

    @Test
    void refusesAPacketOverTheLimitBeforeAllocatingAnything() {
        // given only the fixed header of a SUBSCRIBE announcing 268,435,455 bytes, and a 64 KB packet limit
        byte[] header = hex("82 FF FF FF 7F");
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(header), Role.SERVER, Wire.BUFFER,
            64 * 1024, Integer.MAX_VALUE);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(decoder::read)
            .extracting(MalformedPacketException::reasonCode).isEqualTo(MalformedPacketException.PACKET_TOO_LARGE);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }

    @Test
    void allocatesWhatArrivesForAHugeControlPacketToo() {
        // given a server without a packet limit, and a SUBSCRIBE announcing 268,435,455 bytes that sends 100 KB
        byte[] head = hex("82 FF FF FF 7F 00 0A");
        GeneratedInputStream in = new GeneratedInputStream(head, head.length + 100 * 1024);
        PacketDecoder decoder = new PacketDecoder(in, Role.SERVER, Wire.BUFFER, Wire.NO_LIMIT, Integer.MAX_VALUE);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection ended in the middle of a SUBSCRIBE packet of 268435455 bytes");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(8 * MB);
    }

    /** @return an MQTT 5 client's decoder without packet limit */
    private static PacketDecoder mqtt5Client(java.io.InputStream in) {
        return new PacketDecoder(in, Role.CLIENT, ProtocolVersion.MQTT_5, Wire.BUFFER, Wire.BUFFER, Wire.NO_LIMIT,
            Integer.MAX_VALUE);
    }

    /**
     * Reads the bytes once, so that what is measured next is the decoder's allocation and not the JVM's first
     * loading of the classes and linking of the string concatenations on that path.
     */
    private static void warmUp(byte[] bytes) {
        try {
            mqtt5Client(new ByteArrayInputStream(bytes)).read();
        } catch (IOException expected) {
            // the measured read fails the same way
        }
    }

    @Test
    void allocatesWhatArrivesForHugeMqtt5PublishProperties() {
        // given the 256 MB PUBLISH on MQTT 5 whose property length announces all but one byte of it, sending 100 KB
        byte[] head = Wire.concat(HUGE_PUBLISH, hex("F4 FF FF 7F"));
        GeneratedInputStream in = new GeneratedInputStream(head, head.length + 100 * 1024);
        PacketDecoder decoder = mqtt5Client(in);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection ended in the middle of a PUBLISH packet of 268435455 bytes");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(8 * MB);
    }

    @Test
    void refusesAPropertyLengthOverWhatRemainsBeforeAllocatingIt() {
        // given a PUBLISH of 12 bytes whose property length announces 268,435,455
        byte[] bytes = hex("32 0C 00 03 61 2F 62 00 0A FF FF FF 7F 00");
        warmUp(bytes);
        PacketDecoder decoder = mqtt5Client(new ByteArrayInputStream(bytes));
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(decoder::read)
            .withMessage("the property length 268435455 of a PUBLISH exceeds the 1 bytes that remain");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }

    @Test
    void allocatesWhatArrivesForAHugeMqtt5ControlPacket() {
        // given a CONNACK of 256 MB, property length and a Reason String announcing 65,535 bytes, sending 100 KB
        byte[] head = hex("20 FF FF FF 7F 00 00 FD FF FF 7F 1F FF FF");
        GeneratedInputStream in = new GeneratedInputStream(head, head.length + 100 * 1024);
        PacketDecoder decoder = mqtt5Client(in);
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(EOFException.class).isThrownBy(decoder::read)
            .withMessage("the connection ended in the middle of a CONNACK packet of 268435455 bytes");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(8 * MB);
    }

    @Test
    void refusesAStringLongerThanTheRestOfTheProperties() {
        // given an AUTH whose Authentication Method announces 65,535 bytes in a property length of 3
        byte[] bytes = hex("F0 05 18 03 15 FF FF");
        warmUp(bytes);
        PacketDecoder decoder = mqtt5Client(new ByteArrayInputStream(bytes));
        long before = THREADS.getCurrentThreadAllocatedBytes();

        // when / then
        assertThatExceptionOfType(MalformedPacketException.class).isThrownBy(decoder::read)
            .withMessageContaining("the Authentication Method announces 65535 bytes, but only 0 remain");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }
}
