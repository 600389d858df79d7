package dev.tether.mqtt.internal.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.tether.mqtt.ConnectionMetrics.Latency;

/**
 * Publish-to-acknowledgement latencies over the last minute, in a log-linear histogram per 5 s slot: four buckets to
 * each power of two microseconds, so a percentile is high by at most a quarter. Recording takes no allocation: an
 * index and an increment. A slot's histogram is made when the slot first records a latency, and kept for the slot's
 * later turns: an idle connection, or one that publishes only QoS 0, holds none of them (12 slots of 164 counts would
 * otherwise double the heap of an idle connection). Counts are ints: 2^31 acknowledgements in 5 s will not come.
 * Thread safe; recording is cheap under the lock because the reader thread is nearly its only caller.
 */
final class LatencyWindow {

    private static final int SLOTS = 12;
    private static final long SLOT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int SUB_BUCKETS = 4;
    /** 2^40 µs is 12 days: every latency fits. */
    private static final int BUCKETS = 41 * SUB_BUCKETS;

    private final int[][] counts = new int[SLOTS][];
    private final long[] maxima = new long[SLOTS];
    private final long[] slotOf = new long[SLOTS];

    LatencyWindow() {
        java.util.Arrays.fill(slotOf, -1);
    }

    synchronized void record(long latencyNanos, long nowNanos) {
        long micros = Math.max(1, latencyNanos / 1000);
        int slot = slot(nowNanos);
        counts[slot][bucket(micros)]++;
        maxima[slot] = Math.max(maxima[slot], micros);
    }

    /** @return the latencies of the last minute; empty when none */
    synchronized Optional<Latency> snapshot(long nowNanos) {
        long current = nowNanos / SLOT_NANOS;
        long[] merged = new long[BUCKETS];
        long total = 0;
        long max = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] < 0 || current - slotOf[i] >= SLOTS || counts[i] == null) {
                continue;
            }
            for (int b = 0; b < BUCKETS; b++) {
                merged[b] += counts[i][b];
                total += counts[i][b];
            }
            max = Math.max(max, maxima[i]);
        }
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(new Latency(total, micros(percentile(merged, total, 0.50), max),
            micros(percentile(merged, total, 0.99), max), Duration.ofNanos(max * 1000)));
    }

    private int slot(long nowNanos) {
        long index = nowNanos / SLOT_NANOS;
        int slot = (int) Math.floorMod(index, SLOTS);
        if (slotOf[slot] != index) {
            slotOf[slot] = index;
            if (counts[slot] != null) {
                java.util.Arrays.fill(counts[slot], 0);
            }
            maxima[slot] = 0;
        }
        if (counts[slot] == null) {
            counts[slot] = new int[BUCKETS];
        }
        return slot;
    }

    /** @return the bucket of a latency: its power of two, and which quarter of it */
    static int bucket(long micros) {
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int quarter = power < 2 ? 0 : (int) (micros >>> (power - 2)) & 0b11;
        return Math.min(BUCKETS - 1, power * SUB_BUCKETS + quarter);
    }

    /** @return the largest latency a bucket holds, in microseconds */
    static long upperEdge(int bucket) {
        int power = bucket / SUB_BUCKETS;
        int quarter = bucket % SUB_BUCKETS;
        if (power < 2) {
            return (2L << power) - 1;
        }
        return (1L << power) + ((quarter + 1L) << (power - 2)) - 1;
    }

    private static int percentile(long[] merged, long total, double fraction) {
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int b = 0; b < merged.length; b++) {
            seen += merged[b];
            if (seen >= rank) {
                return b;
            }
        }
        return merged.length - 1;
    }

    /** A percentile's bucket edge, never above the largest latency measured. */
    private static Duration micros(int bucket, long max) {
        return Duration.ofNanos(Math.min(upperEdge(bucket), max) * 1000);
    }
}
