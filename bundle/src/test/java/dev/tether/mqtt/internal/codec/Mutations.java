package dev.tether.mqtt.internal.codec;

import java.util.Arrays;

/** Damage done to valid encodings for the fuzz tests: the mistakes of a broken or hostile peer. */
final class Mutations {

    private Mutations() {
    }

    static byte[] mutate(Gen gen, byte[] valid) {
        byte[] bytes = valid;
        int count = gen.between(1, 4);
        for (int i = 0; i < count; i++) {
            bytes = mutateOnce(gen, bytes);
        }
        return bytes;
    }

    private static byte[] mutateOnce(Gen gen, byte[] bytes) {
        if (bytes.length == 0) {
            return gen.bytes(gen.between(1, 8));
        }
        int at = gen.between(0, bytes.length - 1);
        switch (gen.between(0, 6)) {
            case 0 -> {
                // flip one bit
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << gen.between(0, 7));
                return copy;
            }
            case 1 -> {
                // a byte of the kind that sits on boundaries
                byte[] copy = bytes.clone();
                copy[at] = (byte) (int) gen.pick(0x00, 0x01, 0x7F, 0x80, 0xC0, 0xED, 0xF4, 0xFF, gen.between(0, 255));
                return copy;
            }
            case 2 -> {
                // cut short
                return Arrays.copyOf(bytes, at);
            }
            case 3 -> {
                // bytes inserted
                byte[] inserted = gen.bytes(gen.between(1, 8));
                return Wire.concat(Arrays.copyOf(bytes, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 4 -> {
                // bytes dropped
                int end = gen.between(at, Math.min(bytes.length, at + 8));
                return Wire.concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, end, bytes.length));
            }
            case 5 -> {
                // another remaining length for the first packet: up to 268,435,455 or an endless one
                byte[] length = gen.pick(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
                    new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01},
                    new byte[] {(byte) gen.between(0, 255)},
                    new byte[] {(byte) (0x80 | gen.between(0, 127)), (byte) gen.between(0, 127)},
                    new byte[] {(byte) 0x80, (byte) 0x80, 0x01});
                int end = Math.min(bytes.length, 1 + gen.between(1, 4));
                return Wire.concat(Arrays.copyOf(bytes, 1), length, Arrays.copyOfRange(bytes, end, bytes.length));
            }
            default -> {
                // a run repeated
                int end = gen.between(at, Math.min(bytes.length, at + 16));
                return Wire.concat(Arrays.copyOf(bytes, end), Arrays.copyOfRange(bytes, at, bytes.length));
            }
        }
    }
}
