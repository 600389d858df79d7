package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.report.Goals.Check;
import dev.tether.bench.report.Goals.Goal;
import dev.tether.bench.report.Goals.Status;

/**
 * The goal of issue 17 on the cost of the metrics, read from this run two ways. First as asked, from the medians: in
 * every cell of the end-to-end, receive and publish parts Tether 3.1.1 as it ships (counting every message) reaches at
 * least 0.98× the same Tether with the per-message counts off ({@code tether.metrics=off}), run right after it in each
 * round. Rounds differ by more than 2 % on a small machine, so also from the counts timed alone: their CPU per
 * message, received and sent, as a share of Tether's JVM CPU per message in each end-to-end cell.
 */
public final class MetricsGoals {

    static final double BOUND = 0.98;
    static final double CPU_SHARE_BOUND = 0.02;
    private static final int CELLS = 9;
    private static final ColumnRatioGoal COST = new ColumnRatioGoal("metrics-cost",
        "throughput with metrics ≥ 0.98× without them (a cost under 2 %)", Tables.TETHER, "metrics",
        Tables.TETHER_NO_METRICS, "off", BOUND, "the Tether 3.1.1 and Tether 3.1.1, metrics off columns");

    private MetricsGoals() {
    }

    public static List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>(COST.evaluate(results));
        goals.add(cpuShare(results));
        return goals;
    }

    private static Goal cpuShare(Results results) {
        String goal = "The counts' CPU ≤ 2 % of Tether's JVM CPU per message (end to end) in every cell";
        OperationalFigure figure = Goals.figure(results, OperationalFigure.METRICS_CPU_PER_MESSAGE);
        OperationalFigure.Cell cell = figure == null ? null : figure.cells().get(Tables.TETHER);
        if (cell == null || cell.values().isEmpty()) {
            return new Goal("metrics-cpu-share", goal, Status.NOT_MEASURED, "Needs the ops part (metrics cost).");
        }
        double meterNanos = cell.summary().median();
        List<Check> checks = new ArrayList<>();
        for (BenchCase benchCase : results.flow(Flow.THROUGHPUT).keySet()) {
            var samples = Tables.throughput(results, Flow.THROUGHPUT, benchCase, Tables.TETHER);
            Summary cpu = benchCase.fileQueue() || samples.isEmpty() ? null : Tables.cpuPerMessage(samples);
            if (cpu == null || Double.isNaN(cpu.median()) || cpu.median() <= 0) {
                continue;
            }
            double share = meterNanos / (cpu.median() * 1000);
            checks.add(new Check(benchCase.label(), share, CPU_SHARE_BOUND, true, String.format(Locale.ROOT,
                "%.2f %% (of %.1f µs)", share * 100, cpu.median())));
        }
        if (checks.isEmpty()) {
            return new Goal("metrics-cpu-share", goal, Status.NOT_MEASURED, "Needs the end-to-end part.");
        }
        Goal judged = Goals.cells("metrics-cpu-share", goal, checks, CELLS);
        return new Goal(judged.key(), judged.goal(), judged.status(), String.format(Locale.ROOT,
            "The counts take %.0f ns per message received and sent (median of the rounds, %s). ", meterNanos,
            figure.label()) + judged.detail());
    }
}
