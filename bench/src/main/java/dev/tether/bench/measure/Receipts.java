package dev.tether.bench.measure;

import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

import dev.tether.bench.client.MessageSink;

/**
 * What a subscriber received in one run: which sequence numbers (so duplicates and gaps are seen), when the last new
 * one arrived, and, for latency runs, each message's latency.
 */
public final class Receipts implements MessageSink {

    private final int expected;
    private final BitSet seen;
    private final long[] latencies;
    private int distinct;
    private int duplicates;
    private long lastArrival;
    private long completedAt;
    private final AtomicLong probes = new AtomicLong();

    /** @param recordLatency keep arrival minus stamp of each message */
    public Receipts(int expected, boolean recordLatency) {
        this.expected = expected;
        this.seen = new BitSet(expected);
        this.latencies = recordLatency ? new long[expected] : null;
    }

    @Override
    public void arrived(long sequence, long stampNanos) {
        long now = System.nanoTime();
        if (sequence < 0) {
            // probe -1 is bit 0, -2 bit 1, ...: each native feeder probes with its own number
            long bit = 1L << Math.min(63, -sequence - 1);
            probes.getAndUpdate(seen -> seen | bit);
            return;
        }
        synchronized (this) {
            if (sequence >= expected) {
                return;
            }
            int index = (int) sequence;
            if (seen.get(index)) {
                duplicates++;
                return;
            }
            seen.set(index);
            if (latencies != null) {
                latencies[index] = now - stampNanos;
            }
            lastArrival = now;
            if (++distinct == expected) {
                completedAt = now;
                notifyAll();
            }
        }
    }

    /** @return whether a probe message arrived: the subscription is live */
    public boolean probed() {
        return probes.get() != 0;
    }

    /** @return whether the probe with this (negative) number arrived */
    public boolean probed(long probe) {
        return (probes.get() & 1L << Math.min(63, -probe - 1)) != 0;
    }

    /**
     * Waits until every message arrived, or none arrived for {@code idle}, or {@code limit} passed.
     *
     * @return whether all arrived
     */
    public synchronized boolean awaitAll(Duration idle, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long lastProgressAt = start;
        int lastCount = distinct;
        while (distinct < expected) {
            long now = System.nanoTime();
            if (distinct != lastCount) {
                lastCount = distinct;
                lastProgressAt = now;
            }
            if (now - lastProgressAt > idle.toNanos() || now - start > limit.toNanos()) {
                return false;
            }
            wait(50);
        }
        return true;
    }

    public synchronized int distinct() {
        return distinct;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    /** @return nanoTime of the last message, when all arrived; else of the last one that did */
    public synchronized long finishedAt() {
        return distinct == expected ? completedAt : lastArrival;
    }

    /** @return the latencies of the messages that arrived, sorted, in nanoseconds */
    public synchronized long[] sortedLatencies() {
        if (latencies == null) {
            return new long[0];
        }
        long[] received = new long[distinct];
        int next = 0;
        for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
            received[next++] = latencies[i];
        }
        Arrays.sort(received);
        return received;
    }
}
