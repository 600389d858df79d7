package dev.tether.mqtt.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream through an array of its own: one {@code read} fills it with as many packets as have arrived, and
 * the decoder takes bytes from the array without a call per byte. Large payloads bypass it: their bytes go from the
 * stream straight into the payload's own array. Confined to the reading thread.
 */
final class InboundBuffer {

    /**
     * Payloads up to this size get an array of their announced size at once; beyond it, the array grows with the
     * bytes that really arrive, so that a peer announcing 256 MB and sending little makes us allocate little.
     */
    static final int TRUSTED_ALLOCATION = 1 << 20;

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    /** @throws IllegalArgumentException when the capacity cannot hold a two-byte length: reading one would spin */
    InboundBuffer(InputStream in, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a read buffer of " + capacity
                + " bytes cannot hold a two-byte length; it needs at least 2");
        }
        this.in = in;
        this.buffer = new byte[capacity];
    }

    byte[] array() {
        return buffer;
    }

    int position() {
        return position;
    }

    int capacity() {
        return buffer.length;
    }

    /** @return bytes read from the stream and not yet taken: whether the next packet can start without waiting */
    int buffered() {
        return limit - position;
    }

    void advance(int count) {
        position += count;
    }

    /**
     * Reads until at least {@code count} bytes (at most the capacity) are buffered.
     *
     * @throws EOFException when the stream ends first
     */
    void require(int count) throws IOException {
        if (limit - position >= count) {
            return;
        }
        if (buffer.length - position < count) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit - position < count) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException();
            }
            limit += read;
        }
    }

    int readUnsignedByte() throws IOException {
        if (position == limit) {
            require(1);
        }
        return buffer[position++] & 0xFF;
    }

    int readUnsignedShort() throws IOException {
        require(2);
        int value = (buffer[position] & 0xFF) << 8 | buffer[position + 1] & 0xFF;
        position += 2;
        return value;
    }

    /** @return the next {@code count} bytes in an array of their own: the only copy the decoder makes of them */
    byte[] readBytes(int count) throws IOException {
        if (count <= buffered()) {
            byte[] bytes = Arrays.copyOfRange(buffer, position, position + count);
            position += count;
            return bytes;
        }
        int filled = buffered();
        // the bytes buffered have arrived: trusted whatever their number, even beyond TRUSTED_ALLOCATION
        byte[] bytes = new byte[Math.max(filled, Math.min(count, TRUSTED_ALLOCATION))];
        System.arraycopy(buffer, position, bytes, 0, filled);
        position = limit = 0;
        while (filled < count) {
            if (filled == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(count, bytes.length * 2L));
            }
            int read = in.read(bytes, filled, bytes.length - filled);
            if (read < 0) {
                throw new EOFException();
            }
            filled += read;
        }
        return bytes;
    }

    /** Reads and discards {@code count} bytes. */
    void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit) {
                position = limit = 0;
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    throw new EOFException();
                }
                limit = read;
            }
            int taken = (int) Math.min(left, limit - position);
            position += taken;
            left -= taken;
        }
    }
}
