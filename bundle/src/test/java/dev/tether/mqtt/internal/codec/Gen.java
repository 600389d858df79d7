package dev.tether.mqtt.internal.codec;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/** Random values for one try of a property, biased towards the edges where codecs break. */
final class Gen {

    private final SplittableRandom random;

    Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** @return a number in [min, max], both included */
    int between(int min, int max) {
        return (int) (min + random.nextLong((long) max - min + 1));
    }

    boolean bool() {
        return random.nextBoolean();
    }

    /** @return true once in {@code n} */
    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    long nextLong() {
        return random.nextLong();
    }

    /** @return a size up to {@code max}: one of the {@code edges} (those not over max) a quarter of the time */
    int size(int max, int... edges) {
        if (edges.length > 0 && oneIn(4)) {
            int edge = edges[random.nextInt(edges.length)];
            if (edge <= max) {
                return edge;
            }
        }
        return between(0, max);
    }

    byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** @return a Unicode scalar value, not U+0000: ASCII mostly, and 2-, 3- and 4-byte characters (emoji) */
    int character() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> between(0x80, 0x7FF);
            case 2, 3 -> {
                int c = between(0x800, 0xFFFF - 0x800);
                yield c >= 0xD800 ? c + 0x800 : c;
            }
            case 4, 5 -> pick(0x1F600, 0x1F680, 0x2A6D4, 0x10000, 0x10FFFF, between(0x10000, 0x10FFFF));
            default -> between(1, 0x7F);
        };
    }

    /** @return a string of 0..maxCharacters characters that {@code allowed} accepts */
    String text(int minCharacters, int maxCharacters, IntPredicate allowed) {
        int count = between(minCharacters, maxCharacters);
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < count) {
            int c = oneIn(5) ? '/' : character();
            if (allowed.test(c)) {
                text.appendCodePoint(c);
            }
        }
        return text.toString();
    }

    /** @return a topic name: at least one character, no wildcard [MQTT-3.3.2-2], [MQTT-4.7.3-1] */
    String topicName() {
        int max = oneIn(20) ? 3_000 : 30;
        return text(1, max, c -> c != '+' && c != '#');
    }

    /** @return a topic filter, wildcards allowed */
    String topicFilter() {
        String filter = text(1, 20, c -> true);
        return oneIn(4) ? filter + pick("/#", "/+", "#", "+/x") : filter;
    }

    int packetId() {
        return oneIn(4) ? pick(1, 2, 255, 256, 65_534, 65_535) : between(1, 65_535);
    }

    int qos() {
        return between(0, 2);
    }
}
