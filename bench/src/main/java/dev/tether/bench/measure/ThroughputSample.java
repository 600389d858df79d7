package dev.tether.bench.measure;

/**
 * One throughput run: {@code expected} messages published as fast as the publisher takes them, timed from the first
 * publish until the subscriber had them all.
 *
 * @param received       distinct messages the subscriber got (duplicates not counted)
 * @param failed         publishes that completed exceptionally
 * @param elapsedNanos   first publish to last message received
 * @param error          the first publish failure, or why the run is incomplete; null if nothing went wrong
 * @param cpuNanos       CPU time this JVM used during the run (the clients in it and the harness, less the threads
 *                       that feed native publishers); -1 if not measured
 * @param publishedNanos first publish until the Java publisher's last completion (QoS 0 written, QoS 1/2
 *                       acknowledged); -1 if the publisher is not a Java client
 * @param calls          how long each {@code publish()} call kept the caller (publish part); null if not measured
 * @param wear           what the JVM wrote during the run (publish part); null if not measured
 */
public record ThroughputSample(int expected, int received, int duplicates, int failed, long elapsedNanos,
        String error, long cpuNanos, long publishedNanos, CallTimes calls, Wear wear) {

    /** A run without publish call times or wear. */
    public ThroughputSample(int expected, int received, int duplicates, int failed, long elapsedNanos,
            String error, long cpuNanos, long publishedNanos) {
        this(expected, received, duplicates, failed, elapsedNanos, error, cpuNanos, publishedNanos, null, null);
    }

    public boolean complete() {
        return received == expected && failed == 0;
    }

    /** @return sequence numbers that never arrived */
    public int gaps() {
        return expected - received;
    }

    /** @return messages per second by the publisher's own completions, NaN if not measured */
    public double publishedPerSecond() {
        return publishedNanos <= 0 ? Double.NaN : expected * 1e9 / publishedNanos;
    }

    /** @return microseconds of JVM CPU per message received, NaN if not measured */
    public double cpuMicrosPerMessage() {
        return cpuNanos < 0 || received == 0 ? Double.NaN : cpuNanos / 1e3 / received;
    }

    /** @return messages per second; of the received ones when incomplete */
    public double messagesPerSecond() {
        return elapsedNanos <= 0 ? 0 : received * 1e9 / elapsedNanos;
    }
}
