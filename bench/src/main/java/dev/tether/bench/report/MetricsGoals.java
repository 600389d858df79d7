package dev.tether.bench.report;

import java.util.List;

import dev.tether.bench.report.Goals.Goal;

/**
 * The goal of issue 17 on the cost of the metrics, read from this run's medians: in every cell of the end-to-end,
 * receive and publish parts Tether 3.1.1 as it ships (counting every message) reaches at least 0.98× the same Tether
 * with the per-message counts off ({@code tether.metrics=off}), run right after it in each round.
 */
public final class MetricsGoals {

    static final double BOUND = 0.98;
    private static final ColumnRatioGoal COST = new ColumnRatioGoal("metrics-cost",
        "throughput with metrics ≥ 0.98× without them (a cost under 2 %)", Tables.TETHER, "metrics",
        Tables.TETHER_NO_METRICS, "off", BOUND, "the Tether 3.1.1 and Tether 3.1.1, metrics off columns");

    private MetricsGoals() {
    }

    public static List<Goal> evaluate(Results results) {
        return COST.evaluate(results);
    }
}
