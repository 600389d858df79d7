package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.encode;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.internal.codec.PacketDecoder.Role;

/** The decoder's own buffer, whatever size it is given. */
class DecoderBufferTest {

    @Test
    void readsAPayloadLargerThanABufferOfMoreThanOneMegabyte() throws IOException {
        // given a 2 MB buffer that one read fills, and a payload of 3 MB
        Publish publish = new Publish("a/b", new Gen(3).bytes(3 << 20), 0, false, false, 0, Properties.NONE);
        PacketDecoder decoder = new PacketDecoder(new ByteArrayInputStream(encode(publish)), Role.CLIENT, 2 << 20,
            Wire.NO_LIMIT, Integer.MAX_VALUE);

        // when / then
        assertSamePacket(decoder.read(), publish);
    }
}
