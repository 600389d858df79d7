package dev.tether.bench.measure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The payloads of a run, in two forms that a receiver tells apart by the first byte. Binary, between Java clients: a
 * sequence number and a {@link System#nanoTime()} stamp in the first 16 bytes (big-endian), zeros after; its first
 * byte is 0 (or 0xFF for a probe). Text, to or from the Mosquitto command line clients, which send one message per
 * line and print one per line: the sequence number in decimal, then 'x' up to the size, no stamp; its first byte is
 * a digit or '-'. A negative sequence number marks a probe sent before a run.
 */
public final class Payloads {

    public static final int HEADER_BYTES = 16;
    public static final long PROBE = -1;

    private Payloads() {
    }

    /** @return a new array each time: clients may keep it until sent */
    public static byte[] create(int size, long sequence, long stampNanos) {
        byte[] payload = new byte[Math.max(size, HEADER_BYTES)];
        putLong(payload, 0, sequence);
        putLong(payload, 8, stampNanos);
        return payload;
    }

    /** @return a text payload of exactly {@code size} bytes (more if the number is longer), no newline */
    public static byte[] text(int size, long sequence) {
        byte[] number = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[Math.max(size, number.length)];
        Arrays.fill(payload, number.length, payload.length, (byte) 'x');
        System.arraycopy(number, 0, payload, 0, number.length);
        return payload;
    }

    /** @return text payloads {@code from} to {@code to - 1}, each of {@code size} bytes and a newline */
    public static byte[] lines(int from, int to, int size) {
        byte[] all = new byte[(to - from) * (size + 1)];
        Arrays.fill(all, (byte) 'x');
        for (int i = from; i < to; i++) {
            int offset = (i - from) * (size + 1);
            byte[] number = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(number, 0, all, offset, Math.min(number.length, size));
            all[offset + size] = '\n';
        }
        return all;
    }

    public static long sequence(byte[] payload) {
        if (payload.length > 0 && isText(payload[0])) {
            long value = 0;
            int i = payload[0] == '-' ? 1 : 0;
            for (; i < payload.length && payload[i] >= '0' && payload[i] <= '9'; i++) {
                value = value * 10 + payload[i] - '0';
            }
            return payload[0] == '-' ? -value : value;
        }
        return payload.length < HEADER_BYTES ? PROBE : getLong(payload, 0);
    }

    public static long stamp(byte[] payload) {
        return payload.length < HEADER_BYTES || isText(payload[0]) ? 0 : getLong(payload, 8);
    }

    public static long sequence(ByteBuffer payload) {
        int start = payload.position();
        if (payload.hasRemaining() && isText(payload.get(start))) {
            long value = 0;
            int i = payload.get(start) == '-' ? start + 1 : start;
            for (; i < payload.limit() && payload.get(i) >= '0' && payload.get(i) <= '9'; i++) {
                value = value * 10 + payload.get(i) - '0';
            }
            return payload.get(start) == '-' ? -value : value;
        }
        return payload.remaining() < HEADER_BYTES ? PROBE : payload.getLong(start);
    }

    public static long stamp(ByteBuffer payload) {
        return payload.remaining() < HEADER_BYTES || isText(payload.get(payload.position())) ? 0
            : payload.getLong(payload.position() + 8);
    }

    /** A binary payload starts with the top byte of its sequence number: 0, or 0xFF for a probe. */
    private static boolean isText(byte first) {
        return first >= '0' && first <= '9' || first == '-';
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            target[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getLong(byte[] source, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | source[offset + i] & 0xFF;
        }
        return value;
    }
}
