package dev.tether.bench.ops;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.LongUnaryOperator;

import dev.tether.bench.report.OperationalFigure;
import dev.tether.mqtt.internal.metrics.ConnectionMeter;

/**
 * What Tether's metrics cost per message, timed on their own: the counts of one connection (the bundle's own
 * {@code ConnectionMeter}, from its jar on the benchmark's class path) called as a connection calls them, once
 * received on one thread while, on another, once sent at QoS 1 with its latency recorded, at the same time, as the
 * reader and the writer of one connection do. The figure is the two threads' time per call, added: the CPU that
 * counting one message received and one sent takes. Throughput runs with and without metrics differ by more than
 * that from round to round, so this is what a cost of a few per cent is read from (the issue 17 goals set it against
 * Tether's CPU per message in each cell).
 */
public final class MeterCostProbe {

    private static final int CALLS = 5_000_000;
    private static final int PAYLOAD_BYTES = 64;

    private final int rounds;

    public MeterCostProbe(int rounds) {
        this.rounds = rounds;
    }

    public OperationalFigure measure() throws InterruptedException, ExecutionException {
        // one round for the JIT
        round();
        List<Double> nanos = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            nanos.add(round());
        }
        return new OperationalFigure.Builder(OperationalFigure.METRICS_CPU_PER_MESSAGE,
            "metrics: CPU per message counted", "ns")
            .values("tether", nanos)
            .note(String.format("Tether's ConnectionMeter alone: %,d messages counted as received (QoS 0, %d B) on one"
                + " thread while %,d are counted as sent (QoS 1, latency recorded) on another, at once; the time"
                + " per call of each thread, added", CALLS, PAYLOAD_BYTES, CALLS))
            .build();
    }

    /** @return nanoseconds per received call plus per sent call */
    private static double round() throws InterruptedException, ExecutionException {
        ConnectionMeter meter = new ConnectionMeter("bench-meter", Clock.systemUTC());
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Double> receiving = timed(start, calls -> {
            for (long i = 0; i < calls; i++) {
                meter.received(0, PAYLOAD_BYTES);
            }
            return calls;
        });
        CompletableFuture<Double> sending = timed(start, calls -> {
            for (long i = 0; i < calls; i++) {
                meter.sent(1, PAYLOAD_BYTES, System.nanoTime() - 1_000_000);
            }
            return calls;
        });
        start.countDown();
        return receiving.get() + sending.get();
    }

    private static CompletableFuture<Double> timed(CountDownLatch start, LongUnaryOperator calls) {
        CompletableFuture<Double> perCall = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                start.await();
                long began = System.nanoTime();
                long made = calls.applyAsLong(CALLS);
                perCall.complete((System.nanoTime() - began) / (double) made);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                perCall.completeExceptionally(e);
            }
        }, "bench-meter");
        thread.start();
        return perCall;
    }
}
