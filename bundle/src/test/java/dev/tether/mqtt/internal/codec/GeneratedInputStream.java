package dev.tether.mqtt.internal.codec;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream of some given bytes followed by zeros generated as they are read, then its end: a peer that sends a
 * huge packet, without the test holding the packet in memory.
 */
final class GeneratedInputStream extends InputStream {

    private final byte[] head;
    private final long length;
    private long position;

    /** @param length the whole stream's length: {@code head} and then zeros */
    GeneratedInputStream(byte[] head, long length) {
        this.head = head;
        this.length = length;
    }

    /** @return how many bytes were read so far */
    long served() {
        return position;
    }

    @Override
    public int read() {
        if (position == length) {
            return -1;
        }
        int value = position < head.length ? head[(int) position] & 0xFF : 0;
        position++;
        return value;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (count == 0) {
            throw new AssertionError("a read of 0 bytes: the decoder asked for nothing and would spin");
        }
        if (position == length) {
            return -1;
        }
        int served = (int) Math.min(count, length - position);
        int fromHead = (int) Math.max(0, Math.min(served, head.length - position));
        if (fromHead > 0) {
            System.arraycopy(head, (int) position, target, offset, fromHead);
        }
        Arrays.fill(target, offset + fromHead, offset + served, (byte) 0);
        position += served;
        return served;
    }
}
