package dev.tether.bench.measure;

import java.util.Arrays;

/**
 * Collects the duration of each publish call of one run into an array sized up front, so the hot loop allocates
 * nothing for it.
 */
final class CallTimer {

    private final long[] nanos;
    private int count;

    CallTimer(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        if (count < nanos.length) {
            nanos[count++] = elapsedNanos;
        }
    }

    /** @return the percentiles of the calls so far, null if there were none */
    CallTimes times() {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new CallTimes(micros(LatencySample.percentile(sorted, 50)), micros(LatencySample.percentile(sorted, 99)),
            micros(LatencySample.percentile(sorted, 99.9)), micros(sorted[sorted.length - 1]));
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }
}
