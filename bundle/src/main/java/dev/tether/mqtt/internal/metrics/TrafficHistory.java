package dev.tether.mqtt.internal.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Sample;

/**
 * The last 15 minutes of a connection's traffic, one {@link Sample} per 5 s, in a ring: the message counts'
 * growth since the sample before, as rates, and the queue's depth. Thread safe.
 */
final class TrafficHistory {

    static final int SAMPLES = (int) (ConnectionMetrics.HISTORY.toSeconds()
        / ConnectionMetrics.SAMPLE_INTERVAL.toSeconds());

    private final Sample[] ring = new Sample[SAMPLES];
    private int next;
    private int size;
    private long lastIn = -1;
    private long lastOut;
    private long lastNanos;

    /** Takes a sample of the totals so far. The first sample only sets the starting point. */
    synchronized void sample(Instant now, long nowNanos, long totalIn, long totalOut, int queued) {
        if (lastIn >= 0) {
            double seconds = Math.max(1e-9, (nowNanos - lastNanos) / 1e9);
            ring[next] = new Sample(now, (totalIn - lastIn) / seconds, (totalOut - lastOut) / seconds, queued);
            next = (next + 1) % SAMPLES;
            size = Math.min(SAMPLES, size + 1);
        }
        lastIn = totalIn;
        lastOut = totalOut;
        lastNanos = nowNanos;
    }

    /** @return the samples, oldest first */
    synchronized List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            samples.add(ring[Math.floorMod(next - size + i, SAMPLES)]);
        }
        return samples;
    }
}
