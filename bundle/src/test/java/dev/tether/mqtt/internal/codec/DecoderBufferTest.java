package dev.tether.mqtt.internal.codec;

import static dev.tether.mqtt.internal.codec.SamePacket.assertSamePacket;
import static dev.tether.mqtt.internal.codec.Wire.encode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1})
    void refusesABufferThatCannotHoldATwoByteLength(int bufferSize) {
        // a smaller buffer would wait forever for the two bytes of a length it cannot hold
        ByteArrayInputStream in = new ByteArrayInputStream(encode(PingResp.INSTANCE));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new PacketDecoder(in, Role.CLIENT, bufferSize, Wire.NO_LIMIT, Integer.MAX_VALUE))
            .withMessageContaining("buffer");
    }
}
