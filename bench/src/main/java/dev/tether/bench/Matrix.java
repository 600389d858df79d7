package dev.tether.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Contender;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;
import dev.tether.bench.report.Results;

/**
 * Runs every case on every contender, round after round, one part after the other, the contenders interleaved
 * within each round so that a drift of the machine (heat, another process) spreads over all of them. Warm-up rounds
 * run first and are not recorded. A run that throws is reported as failed; the others go on.
 */
final class Matrix {

    private final BenchOptions options;
    private final List<Contender> contenders;
    private final Results results;
    private int runs;

    Matrix(BenchOptions options, List<Contender> contenders, Results results) {
        this.options = options;
        this.contenders = contenders;
        this.results = results;
    }

    /**
     * QoS 0/1/2 × 64 B/1 KiB/16 KiB, then Tether's file queue (issue 16): QoS 1 at 64 B and 1 KiB, and QoS 1 64 B
     * with {@code queue_sync=interval} and {@code =always}.
     */
    static List<BenchCase> cases(BenchOptions options) {
        List<BenchCase> cases = new ArrayList<>();
        for (int qos = 0; qos <= 2; qos++) {
            for (int size : new int[] {64, 1024, 16 * 1024}) {
                cases.add(new BenchCase(qos, size, QueueKind.MEMORY, options.count(qos, size)));
            }
        }
        cases.add(new BenchCase(1, 64, QueueKind.FILE, options.count(1, 64)));
        cases.add(new BenchCase(1, 1024, QueueKind.FILE, options.count(1, 1024)));
        cases.add(new BenchCase(1, 64, QueueKind.FILE_INTERVAL, options.count(1, 64)));
        cases.add(new BenchCase(1, 64, QueueKind.FILE_SYNCED, options.countSynced));
        if (!options.cases.isEmpty()) {
            cases.removeIf(benchCase -> !options.cases.contains(benchCase.key()));
        }
        return cases;
    }

    /** Throughput runs of one flow: end to end, or one way against native peers. */
    void throughput(Flow flow, List<BenchCase> cases) throws InterruptedException {
        for (int round = 0; round < options.warmups + options.rounds; round++) {
            boolean warmup = round < options.warmups;
            for (BenchCase benchCase : cases) {
                if (!flow.applies(benchCase)) {
                    continue;
                }
                // warm-up: enough messages for the JIT, not the full count
                int count = warmup ? Math.max(Math.min(benchCase.count(), 200), benchCase.count() / 4)
                    : benchCase.count();
                for (Contender contender : contenders) {
                    if (!contender.covers(benchCase)) {
                        continue;
                    }
                    settle();
                    String where = flow.key() + " " + benchCase.label() + " " + contender.name() + " "
                        + roundName(round, options.warmups);
                    try {
                        ThroughputSample sample = flow.run(contender, benchCase, count, runId());
                        Progress.say("%s: %,.0f msg/s%s%s%s%s", where, sample.messagesPerSecond(),
                            Double.isNaN(sample.cpuMicrosPerMessage()) ? ""
                                : String.format(Locale.ROOT, ", %.1f µs CPU/msg", sample.cpuMicrosPerMessage()),
                            publishDetail(sample),
                            sample.duplicates() == 0 ? "" : ", " + sample.duplicates() + " duplicates",
                            sample.complete() ? "" : String.format(Locale.ROOT, " INCOMPLETE (%d of %d, %d failed: %s)",
                                sample.received(), sample.expected(), sample.failed(), sample.error()));
                        if (!warmup) {
                            results.add(flow, benchCase, contender.key(), sample);
                        }
                    } catch (Exception e) {
                        failed(where, e);
                    }
                }
            }
        }
    }

    /** @param warmups warm-up rounds: none when the throughput rounds have just warmed everything up */
    void latency(List<BenchCase> cases, int warmups) throws InterruptedException {
        for (int round = 0; round < warmups + options.rounds; round++) {
            boolean warmup = round < warmups;
            for (BenchCase benchCase : cases) {
                for (Contender contender : contenders) {
                    if (!contender.covers(benchCase) || !contender.inLatency()) {
                        continue;
                    }
                    settle();
                    String where = "latency " + benchCase.label() + " " + contender.name() + " "
                        + roundName(round, warmups);
                    try {
                        LatencySample sample = contender.latency(benchCase, options.rate,
                            warmup ? options.latencyDuration.dividedBy(2) : options.latencyDuration, runId());
                        Progress.say("%s: p50 %.3f p99 %.3f p99.9 %.3f ms%s", where,
                            sample.p50Millis(), sample.p99Millis(), sample.p999Millis(),
                            sample.complete() ? ""
                                : " INCOMPLETE (" + sample.received() + " of " + sample.expected() + ")");
                        if (!warmup) {
                            results.add(benchCase, contender.key(), sample);
                        }
                    } catch (Exception e) {
                        failed(where, e);
                    }
                }
            }
        }
    }

    /** @return the publish part's call time and, for Tether's file queue, what the JVM wrote */
    private static String publishDetail(ThroughputSample sample) {
        String calls = sample.calls() == null ? ""
            : String.format(Locale.ROOT, ", publish() p99 %.1f µs", sample.calls().p99Micros());
        Wear wear = sample.wear();
        if (wear == null) {
            return calls;
        }
        return calls + (wear.available() ? String.format(Locale.ROOT, ", written %.0f B/msg (%.2f× the %d B record),"
            + " wchar %.0f B/msg", wear.storagePerMessage(), wear.storageRatio(), wear.recordBytes(),
            wear.wcharPerMessage()) : ", /proc/self/io not available");
    }

    private void failed(String where, Exception e) {
        Progress.say("%s FAILED: %s", where, e);
        results.failures().put(where, String.valueOf(e));
    }

    private String roundName(int round, int warmups) {
        return round < warmups ? "warm-up " + (round + 1) : "round " + (round - warmups + 1) + "/" + options.rounds;
    }

    private String runId() {
        return "r" + ++runs;
    }

    /** The previous run's garbage is collected now, not during the next run (the smoke run, timing nothing, skips). */
    private void settle() throws InterruptedException {
        if (options.gcBetweenRuns) {
            System.gc();
            Thread.sleep(50);
        }
    }
}
