package dev.tether.bench.measure;

import java.nio.ByteBuffer;

/**
 * The binary payload of the Java clients: a sequence number and a {@link System#nanoTime()} stamp in the first 16
 * bytes (big-endian), zeros after. A negative sequence number marks a probe sent before a run.
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

    public static long sequence(byte[] payload) {
        return payload.length < HEADER_BYTES ? PROBE : getLong(payload, 0);
    }

    public static long stamp(byte[] payload) {
        return payload.length < HEADER_BYTES ? 0 : getLong(payload, 8);
    }

    public static long sequence(ByteBuffer payload) {
        return payload.remaining() < HEADER_BYTES ? PROBE : payload.getLong(payload.position());
    }

    public static long stamp(ByteBuffer payload) {
        return payload.remaining() < HEADER_BYTES ? 0 : payload.getLong(payload.position() + 8);
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
