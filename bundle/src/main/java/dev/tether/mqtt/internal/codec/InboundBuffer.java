package dev.tether.mqtt.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream through an array of its own: one {@code read} fills it with as many packets as have arrived, and
 * the decoder takes bytes from the array without a call per byte. The array adapts: it doubles, up to its maximum,
 * while reads fill it (a stream of messages then costs one system call per many of them), and goes back to its base
 * size when traffic is quiet again (an idle connection keeps little memory). Payloads larger than the array bypass
 * it: their bytes go from the stream straight into the payload's own array. Confined to the reading thread.
 */
final class InboundBuffer {

    /**
     * Payloads up to this size get an array of their announced size at once; beyond it, the array grows with the
     * bytes that really arrive, so that a peer announcing 256 MB and sending little makes us allocate little.
     */
    static final int TRUSTED_ALLOCATION = 1 << 20;

    /** Reads in a row that took less than a quarter of the base size before the array shrinks back to it. */
    private static final int QUIET_READS = 8;

    private final InputStream in;
    private final int baseCapacity;
    private final int maxCapacity;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean growNext;
    private int quietReads;

    /**
     * @param capacity    the array's size when traffic is quiet
     * @param maxCapacity the most it grows to under load
     * @throws IllegalArgumentException when the capacity cannot hold a two-byte length: reading one would spin
     */
    InboundBuffer(InputStream in, int capacity, int maxCapacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a read buffer of " + capacity
                + " bytes cannot hold a two-byte length; it needs at least 2");
        }
        this.in = in;
        this.baseCapacity = capacity;
        this.maxCapacity = Math.max(capacity, maxCapacity);
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
        makeRoom(count);
        while (limit - position < count) {
            fill();
        }
    }

    /** Moves what is buffered to the start of the array, a larger one if the last read filled it. */
    private void makeRoom(int count) {
        int buffered = limit - position;
        if (growNext && buffer.length < maxCapacity) {
            byte[] larger = new byte[(int) Math.min(maxCapacity, buffer.length * 2L)];
            System.arraycopy(buffer, position, larger, 0, buffered);
            buffer = larger;
            position = 0;
            limit = buffered;
            growNext = false;
        } else if (buffer.length - position < count || position == limit) {
            System.arraycopy(buffer, position, buffer, 0, buffered);
            position = 0;
            limit = buffered;
        }
    }

    private void fill() throws IOException {
        int space = buffer.length - limit;
        int read = in.read(buffer, limit, space);
        if (read < 0) {
            throw new EOFException();
        }
        limit += read;
        // the network had at least as much as fitted: more room next time
        growNext = read == space;
        quietReads = read < baseCapacity / 4 ? quietReads + 1 : 0;
    }

    /**
     * The reader is about to wait for the network: when traffic has been quiet for a while, a grown array goes
     * back to the base size.
     */
    void trim() {
        if (buffer.length > baseCapacity && position == limit && quietReads >= QUIET_READS) {
            buffer = new byte[baseCapacity];
            position = limit = 0;
            growNext = false;
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
        if (count <= buffer.length) {
            // through the array, which reads ahead: the next packets come with the same system call
            require(count);
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
                fill();
            }
            int taken = (int) Math.min(left, limit - position);
            position += taken;
            left -= taken;
        }
    }
}
