package dev.tether.bench.measure;

/**
 * One latency run at a fixed rate: percentiles of arrival time minus scheduled send time, in milliseconds.
 *
 * @param expected messages scheduled
 * @param received distinct messages received
 */
public record LatencySample(int expected, int received, double p50Millis, double p99Millis, double p999Millis,
        double maxMillis) {

    public boolean complete() {
        return received == expected;
    }

    /** @param sortedNanos latencies in nanoseconds, sorted ascending */
    public static LatencySample of(int expected, long[] sortedNanos) {
        return new LatencySample(expected, sortedNanos.length, millis(percentile(sortedNanos, 50)),
            millis(percentile(sortedNanos, 99)), millis(percentile(sortedNanos, 99.9)),
            millis(sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1]));
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        // less a hair: 99.9 / 100 * 1000 is 999.0000000000001 in floating point, whose ceiling would be 1000
        int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
