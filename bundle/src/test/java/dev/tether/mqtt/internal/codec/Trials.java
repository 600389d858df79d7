package dev.tether.mqtt.internal.codec;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A small property runner: a check over many generated values, each try from a seed of its own that a failure
 * names, so that it replays with {@code -Dcodec.seed=<seed>} (that seed is tried first). Byte arrays that fail
 * are shrunk before they are reported. {@code -Dcodec.scale=<factor>} multiplies or divides the tries of every
 * property. (Not jqwik: from 1.10 its maintainer asks that it not be used by AI coding agents, which wrote these
 * tests.)
 */
final class Trials {

    private static final long SEED = Long.getLong("codec.seed", new SplittableRandom().nextLong());
    private static final double SCALE = Double.parseDouble(System.getProperty("codec.scale", "1"));

    private Trials() {
    }

    /** @return how many tries a property of {@code tries} by default runs in this build */
    static int scaled(int tries) {
        return Math.max(1, (int) (tries * SCALE));
    }

    static <T> void forAll(int tries, Function<Gen, T> generator, ThrowingConsumer<T> check) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        int count = scaled(tries);
        for (int i = 0; i < count; i++) {
            long seed = i == 0 ? SEED : seeds.nextLong();
            T value = generator.apply(new Gen(seed));
            Throwable failure = failure(check, value);
            if (failure != null) {
                T reported = value instanceof byte[] bytes ? shrink(bytes, check, failure) : value;
                throw new AssertionError("property failed on try " + (i + 1) + " of " + count + ", seed " + seed
                    + " (replay it first with -Dcodec.seed=" + seed + "): " + describe(reported), failure(check,
                        reported));
            }
        }
    }

    private static <T> Throwable failure(ThrowingConsumer<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Drops ever smaller runs of bytes while the check still fails the same way: a short case to read. */
    @SuppressWarnings("unchecked")
    private static <T> T shrink(byte[] bytes, ThrowingConsumer<T> check, Throwable original) {
        Predicate<byte[]> failsAlike = candidate -> {
            Throwable t = failure(check, (T) candidate);
            return t != null && t.getClass() == original.getClass();
        };
        byte[] smallest = bytes;
        for (int run = Math.max(1, smallest.length / 2); run >= 1; run /= 2) {
            for (int at = 0; at + run <= smallest.length;) {
                byte[] candidate = new byte[smallest.length - run];
                System.arraycopy(smallest, 0, candidate, 0, at);
                System.arraycopy(smallest, at + run, candidate, at, smallest.length - at - run);
                if (failsAlike.test(candidate)) {
                    smallest = candidate;
                } else {
                    at += run;
                }
            }
        }
        return (T) smallest;
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes: " + Wire.hex(bytes)
            : String.valueOf(value);
        return text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text;
    }
}
