package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.LatencySample;

/**
 * The goals of issue 14, each read from this run's medians as met or not, with the figures that decide it. A goal
 * over "every cell" means QoS 0/1/2 × 64 B, 1 KiB and 16 KiB; cells a run left out (--cases, --parts, a failed run)
 * are named, and such a goal is at best met where measured.
 */
public final class Goals {

    private static final int LARGE = 16 * 1024;
    private static final int CELLS = 9;

    private Goals() {
    }

    /** How a goal stands. */
    public enum Status {
        MET("met"), NOT_MET("not met"), MET_WHERE_MEASURED("met where measured"), NOT_MEASURED("not measured"),
        /** A figure asked for without a bound. */
        REPORTED("reported");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One goal: its wording, how it stands and why. */
    public record Goal(String key, String goal, Status status, String detail) {
    }

    /** A cell's figure against its bound: Tether's value and what it must reach (at least, or at most). */
    record Check(String cell, double value, double bound, boolean atMost, String shown) {

        boolean met() {
            return atMost ? value <= bound : value >= bound;
        }

        /** A ratio that must reach {@code needed}; a miss that rounds to the bound is shown with one more digit. */
        static Check ratio(String cell, double ratio, double needed, boolean atMost) {
            double miss = atMost ? ratio - needed : needed - ratio;
            String format = miss > 0 && miss <= 0.005 ? "%.3f×" : "%.2f×";
            return new Check(cell, ratio, needed, atMost, String.format(Locale.ROOT, format, ratio));
        }
    }

    public static List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>();
        for (Flow flow : List.of(Flow.RECEIVE, Flow.PUBLISH)) {
            String name = flow == Flow.RECEIVE ? "Receive" : "Publish";
            goals.add(cells(flow.key() + "-vs-hivemq", name + " throughput ≥ the HiveMQ client in every cell",
                throughputChecks(results, flow, Tables.HIVEMQ, size -> 1.0)));
        }
        goals.add(cells("receive-vs-paho", "Receive ≥ 1.5× raw Paho at 64 B, ≥ 2.5× at 1 KiB, ≥ 4× at 16 KiB",
            throughputChecks(results, Flow.RECEIVE, Tables.PAHO, size -> size <= 64 ? 1.5 : size <= 1024 ? 2.5 : 4.0)));
        goals.add(cells("publish-vs-paho", "Publish ≥ 1.0× raw Paho in every cell",
            throughputChecks(results, Flow.PUBLISH, Tables.PAHO, size -> 1.0)));
        for (Flow flow : List.of(Flow.RECEIVE, Flow.PUBLISH)) {
            goals.add(cpu(results, flow));
        }
        goals.add(latency(results));
        goals.add(operational(results, OperationalFigure.HEAP_PER_CONNECTION, "Idle connection ≤ 24 KiB of heap",
            24, false));
        goals.add(operational(results, OperationalFigure.HEAP_PER_1000_SUBSCRIPTIONS,
            "1,000 subscriptions ≤ 100 KiB of heap", 100, false));
        goals.add(threads(results));
        goals.add(operational(results, OperationalFigure.SIZE_ON_DISK,
            "The bundle plus what it requires at run time under 600 KiB", 600, true));
        return goals;
    }

    private interface Bound {
        double at(int payloadBytes);
    }

    private static List<Check> throughputChecks(Results results, Flow flow, String other, Bound bound) {
        List<Check> checks = new ArrayList<>();
        for (BenchCase benchCase : standardCells(results.flow(flow))) {
            Double ratio = Tables.ratio(results, flow, benchCase, other);
            if (ratio != null) {
                checks.add(Check.ratio(benchCase.label(), ratio, bound.at(benchCase.payloadBytes()), false));
            }
        }
        return checks;
    }

    private static Goal cpu(Results results, Flow flow) {
        List<Check> checks = new ArrayList<>();
        for (BenchCase benchCase : standardCells(results.flow(flow))) {
            Summary tether = cpuOf(results, flow, benchCase, Tables.TETHER);
            Summary hivemq = cpuOf(results, flow, benchCase, Tables.HIVEMQ);
            if (benchCase.payloadBytes() == LARGE && tether != null && hivemq != null) {
                checks.add(new Check(benchCase.label(), tether.median(), hivemq.median(), true,
                    String.format(Locale.ROOT, "%.1f µs against %.1f", tether.median(), hivemq.median())));
            }
        }
        String name = flow == Flow.RECEIVE ? "receiving" : "publishing";
        return cells("cpu-" + flow.key() + "-16k",
            "JVM CPU per message at 16 KiB, " + name + ", ≤ the HiveMQ client's", checks, 3);
    }

    private static Summary cpuOf(Results results, Flow flow, BenchCase benchCase, String column) {
        var samples = Tables.throughput(results, flow, benchCase, column);
        return samples.isEmpty() ? null : Tables.cpuPerMessage(samples);
    }

    private static Goal latency(Results results) {
        List<Check> checks = new ArrayList<>();
        ToDoubleFunction<LatencySample> p99 = LatencySample::p99Millis;
        for (BenchCase benchCase : standardCells(results.latency())) {
            Summary tether = Tables.latency(Tables.latency(results, benchCase, Tables.TETHER), p99);
            Summary paho = Tables.latency(Tables.latency(results, benchCase, Tables.PAHO), p99);
            if (tether != null && paho != null) {
                boolean tetherOver = Tables.overCapacity(results, benchCase, Tables.TETHER);
                boolean pahoOver = Tables.overCapacity(results, benchCase, Tables.PAHO);
                checks.add(new Check(benchCase.label(), tether.median(), paho.median(), true,
                    String.format(Locale.ROOT, "%.2f ms against %.2f", tether.median(), paho.median())
                    + (tetherOver || pahoOver ? " (rate over the capacity of " + (tetherOver && pahoOver ? "both"
                        : tetherOver ? "Tether" : "Paho") + ")" : "")));
            }
        }
        Goal goal = cells("latency-p99", "p99 at 2,000 msg/s ≤ raw Paho's in every cell", checks);
        Object rate = results.settings().get("latency rate");
        return rate == null || String.valueOf(rate).startsWith("2,000 msg/s") ? goal
            : new Goal(goal.key(), goal.goal(), goal.status(), goal.detail() + " Measured at " + rate + ".");
    }

    private static Goal threads(Results results) {
        String goal = "Threads per connection ≤ 1 plus the shared ones";
        Summary added = tetherFigure(results, OperationalFigure.THREADS_PER_ADDED_CONNECTION);
        Summary all = tetherFigure(results, OperationalFigure.THREADS_PER_CONNECTION);
        if (added == null) {
            return new Goal("threads", goal, Status.NOT_MEASURED, "Needs at least 2 idle clients (ops part).");
        }
        return new Goal("threads", goal, added.median() <= 1.0 ? Status.MET : Status.NOT_MET,
            String.format(Locale.ROOT, "Each further idle connection adds %.2f threads (from half to all the idle"
                + " clients%s); see \"live threads\" for the counts and the kinds of thread.", added.median(),
                all == null ? "" : String.format(Locale.ROOT, "; %.2f per connection counting from none, with the"
                    + " shared ones", all.median())));
    }

    /** @param strict the value must stay under the bound, not reach it */
    private static Goal operational(Results results, String key, String goal, double bound, boolean strict) {
        Summary tether = tetherFigure(results, key);
        if (tether == null) {
            return new Goal(key, goal, Status.NOT_MEASURED, "Not in this run (ops part).");
        }
        OperationalFigure figure = figure(results, key);
        boolean met = strict ? tether.median() < bound : tether.median() <= bound;
        return new Goal(key, goal, met ? Status.MET : Status.NOT_MET, String.format(Locale.ROOT,
            "Tether: %.1f %s (%s).", tether.median(), figure.unit(), figure.label()));
    }

    private static Summary tetherFigure(Results results, String key) {
        OperationalFigure figure = figure(results, key);
        OperationalFigure.Cell cell = figure == null ? null : figure.cells().get(Tables.TETHER);
        return cell == null ? null : cell.summary();
    }

    static OperationalFigure figure(Results results, String key) {
        return results.operational().stream().filter(figure -> figure.key().equals(key)).findFirst().orElse(null);
    }

    /** @return the cases of QoS 0/1/2 × the three sizes that the map has, in its order */
    private static List<BenchCase> standardCells(Map<BenchCase, ?> byCase) {
        return byCase.keySet().stream().filter(benchCase -> !benchCase.fileQueue()).toList();
    }

    private static Goal cells(String key, String goal, List<Check> checks) {
        return cells(key, goal, checks, CELLS);
    }

    /** @param cells how many cells the goal covers: fewer checks make it at best met where measured */
    static Goal cells(String key, String goal, List<Check> checks, int cells) {
        if (checks.isEmpty()) {
            return new Goal(key, goal, Status.NOT_MEASURED, "No cell measured for Tether and the client compared.");
        }
        List<String> missed = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Check check : checks) {
            all.add(check.cell() + " " + check.shown());
            if (!check.met()) {
                missed.add(check.cell() + " " + check.shown());
            }
        }
        Status status = !missed.isEmpty() ? Status.NOT_MET
            : checks.size() < cells ? Status.MET_WHERE_MEASURED : Status.MET;
        String detail = (missed.isEmpty() ? "All " + checks.size() + " measured cells: "
            : missed.size() + " of " + checks.size() + " measured cells miss it: ")
            + String.join("; ", missed.isEmpty() ? all : missed) + "."
            + (checks.size() < cells ? " Measured " + checks.size() + " of " + cells + " cells." : "");
        return new Goal(key, goal, status, detail);
    }
}
