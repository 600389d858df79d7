package dev.tether.mqtt.internal.codec;

import java.io.InputStream;
import java.util.Random;

/**
 * Hands its bytes out a few at a time, as a socket does: each read returns between 1 and {@code maxChunk} bytes,
 * so that the decoder refills its buffer at every possible boundary.
 */
final class ChunkedInputStream extends InputStream {

    private final byte[] bytes;
    private final Random random;
    private final int maxChunk;
    private int position;

    ChunkedInputStream(byte[] bytes, long seed, int maxChunk) {
        this.bytes = bytes;
        this.random = new Random(seed);
        this.maxChunk = maxChunk;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            throw new AssertionError("a read of 0 bytes: the decoder asked for nothing and would spin");
        }
        if (position == bytes.length) {
            return -1;
        }
        int count = Math.min(Math.min(length, 1 + random.nextInt(maxChunk)), bytes.length - position);
        System.arraycopy(bytes, position, target, offset, count);
        position += count;
        return count;
    }
}
