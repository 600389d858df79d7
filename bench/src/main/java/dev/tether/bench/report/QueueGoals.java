package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.CallTimes;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;
import dev.tether.bench.report.Goals.Check;
import dev.tether.bench.report.Goals.Goal;
import dev.tether.bench.report.Goals.Status;

/**
 * The goals of issue 16 (the file queue), read from this run's medians like those of issue 14: the publish part's
 * file-queue rows against Tether's memory queue and raw Paho, queue_sync=always reported, the bytes written per
 * message, and the recovery of 100,000 queued messages.
 */
public final class QueueGoals {

    /** The file-queue cells of the throughput goals: QoS 1 at 64 B and 1 KiB. */
    private static final int CELLS = 2;
    private static final double WEAR_BOUND = 1.3;
    private static final double RECOVERY_BOUND_MILLIS = 1000;

    private QueueGoals() {
    }

    public static List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>();
        goals.add(Goals.cells("file-vs-memory", "QoS 1 publish with the file queue ≥ 0.9× Tether's memory queue, at"
            + " 64 B and 1 KiB", ratioChecks(results, Tables.TETHER, 0.9), CELLS));
        goals.add(Goals.cells("file-vs-paho", "QoS 1 publish with the file queue ≥ 1.0× raw Paho in memory, at 64 B"
            + " and 1 KiB", ratioChecks(results, Tables.PAHO, 1.0), CELLS));
        goals.add(synced(results));
        goals.add(wear(results));
        goals.add(recovery(results));
        return goals;
    }

    /** @return the publish part's cases of the file queue with queue_sync=none */
    private static List<BenchCase> fileCells(Results results) {
        return results.flow(Flow.PUBLISH).keySet().stream().filter(benchCase -> benchCase.queue() == QueueKind.FILE)
            .toList();
    }

    /** File row over {@code other}'s memory row of the same QoS and size, publish part medians. */
    private static List<Check> ratioChecks(Results results, String other, double needed) {
        List<Check> checks = new ArrayList<>();
        for (BenchCase benchCase : fileCells(results)) {
            Summary file = Tables.messagesPerSecond(Tables.throughput(results, Flow.PUBLISH, benchCase, Tables.TETHER));
            Summary memory = Tables.messagesPerSecond(Tables.throughput(results, Flow.PUBLISH,
                Tables.comparable(results, Flow.PUBLISH, benchCase), other));
            if (file != null && memory != null && memory.median() > 0) {
                checks.add(Check.ratio(shortLabel(benchCase), file.median() / memory.median(), needed, false));
            }
        }
        return checks;
    }

    private static Goal synced(Results results) {
        String goal = "queue_sync=always: msg/s and the p99 publish latency reported (no bound)";
        BenchCase synced = results.flow(Flow.PUBLISH).keySet().stream()
            .filter(benchCase -> benchCase.queue() == QueueKind.FILE_SYNCED).findFirst().orElse(null);
        List<ThroughputSample> samples = synced == null ? List.of()
            : Tables.throughput(results, Flow.PUBLISH, synced, Tables.TETHER);
        Summary rate = Tables.messagesPerSecond(samples);
        Summary p99 = Tables.callTimes(samples, CallTimes::p99Micros);
        if (rate == null || p99 == null) {
            return new Goal("queue-sync-always", goal, Status.NOT_MEASURED, "Needs the publish part's QoS 1, 64 B,"
                + " file queue, queue_sync=always row, complete.");
        }
        StringBuilder detail = new StringBuilder(String.format(Locale.ROOT, "Publish part: %,.0f msg/s; one"
            + " publish() call p99 %.2f ms (p50 %.2f ms).", rate.median(), p99.median() / 1e3,
            Tables.callTimes(samples, CallTimes::p50Micros).median() / 1e3));
        Summary endToEnd = Tables.latency(Tables.latency(results, synced, Tables.TETHER), LatencySample::p99Millis);
        if (endToEnd != null) {
            detail.append(String.format(Locale.ROOT, " End to end at %,d msg/s: p99 %.2f ms%s.",
                results.latencyRate(), endToEnd.median(),
                Tables.overCapacity(results, synced, Tables.TETHER) ? " (over capacity)" : ""));
        }
        return new Goal("queue-sync-always", goal, Status.REPORTED, detail.toString());
    }

    private static Goal wear(Results results) {
        String goal = "Bytes written per message with the file queue (queue_sync=none) ≤ 1.3× the record"
            + " (39 B + topic + payload)";
        List<Check> checks = new ArrayList<>();
        boolean unavailable = false;
        boolean uncounted = false;
        for (BenchCase benchCase : fileCells(results)) {
            List<ThroughputSample> samples = Tables.throughput(results, Flow.PUBLISH, benchCase, Tables.TETHER);
            Summary ratio = Tables.wear(samples, Wear::storageRatio);
            Summary wchar = Tables.wear(samples, Wear::wcharRatio);
            unavailable |= WearMarkdown.unavailable(samples);
            if (ratio == null) {
                continue;
            }
            if (ratio.max() <= 0 && wchar != null && wchar.median() > 0) {
                // written but no page counted: a file system without writeback accounting, such as tmpfs
                uncounted = true;
                continue;
            }
            Check check = Check.ratio(shortLabel(benchCase), ratio.median(), WEAR_BOUND, true);
            checks.add(new Check(check.cell(), check.value(), check.bound(), true, check.shown() + String.format(
                Locale.ROOT, " (%,.0f B per message)", Tables.wear(samples, Wear::storagePerMessage).median())));
        }
        if (checks.isEmpty()) {
            return new Goal("wear", goal, Status.NOT_MEASURED, unavailable ? "/proc/self/io not available."
                : uncounted ? "write_bytes did not grow although the queue was written: this file system does not"
                + " count page writes (tmpfs?)." : "Needs the publish part's file-queue rows.");
        }
        return Goals.cells("wear", goal, checks, CELLS);
    }

    private static Goal recovery(Results results) {
        String goal = "Recovery of 100,000 queued messages on start ≤ 1 s";
        OperationalFigure figure = Goals.figure(results, OperationalFigure.QUEUE_RECOVERY);
        OperationalFigure.Cell cell = figure == null ? null : figure.cells().get(Tables.TETHER);
        if (cell == null) {
            return new Goal("queue-recovery", goal, Status.NOT_MEASURED, "Not in this run (ops part).");
        }
        if (cell.text() != null) {
            return new Goal("queue-recovery", goal, Status.NOT_MET, cell.text() + ".");
        }
        Summary millis = cell.summary();
        if (millis == null) {
            return new Goal("queue-recovery", goal, Status.NOT_MEASURED, "No round completed.");
        }
        return new Goal("queue-recovery", goal, millis.median() <= RECOVERY_BOUND_MILLIS ? Status.MET
            : Status.NOT_MET, String.format(Locale.ROOT, "Tether: %,.0f ms (%s).", millis.median(), figure.label()));
    }

    /** @return "64 B" or "1 KiB": every cell here is QoS 1 with the file queue */
    private static String shortLabel(BenchCase benchCase) {
        return benchCase.payloadBytes() >= 1024 ? benchCase.payloadBytes() / 1024 + " KiB"
            : benchCase.payloadBytes() + " B";
    }
}
