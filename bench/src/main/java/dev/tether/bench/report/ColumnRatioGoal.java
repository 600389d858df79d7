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
 * A goal that one of Tether's columns reaches a share of another's throughput in every memory-queue cell of a part:
 * MQTT 5 against 3.1.1 (issue 15), counting metrics against not counting them (issue 17). Both columns run in the same
 * rounds, one right after the other, so a miss is also shown against the spread of the rounds.
 *
 * @param key            the goal's key prefix, e.g. "5-vs-311": "publish-5-vs-311"
 * @param wording        what is claimed after the part's name, e.g. "throughput on MQTT 5 ≥ 0.95× MQTT 3.1.1"
 * @param column         the column judged, e.g. "tether5"
 * @param columnLabel    its short name in a miss's spread, e.g. "5"
 * @param reference      the column it is judged against
 * @param referenceLabel its short name
 * @param bound          the least ratio of the medians
 * @param missing        what a part without both columns lacks, e.g. "the Tether 3.1.1 and Tether 5 columns"
 */
record ColumnRatioGoal(String key, String wording, String column, String columnLabel, String reference,
        String referenceLabel, double bound, String missing) {

    private static final int CELLS = 9;

    /** @return one goal per part: end to end, receive, publish */
    List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            goals.add(evaluate(results, flow));
        }
        return goals;
    }

    private Goal evaluate(Results results, Flow flow) {
        String part = switch (flow) {
            case THROUGHPUT -> "End-to-end";
            case RECEIVE -> "Receive";
            case PUBLISH -> "Publish";
        };
        List<Check> checks = new ArrayList<>();
        int overlapping = 0;
        for (BenchCase benchCase : results.flow(flow).keySet()) {
            if (benchCase.fileQueue()) {
                continue;
            }
            Summary judged = Tables.messagesPerSecond(Tables.throughput(results, flow, benchCase, column));
            Summary against = Tables.messagesPerSecond(Tables.throughput(results, flow, benchCase, reference));
            if (judged == null || against == null || against.median() == 0) {
                continue;
            }
            Check check = Check.ratio(benchCase.label(), judged.median() / against.median(), bound, false);
            boolean overlap = judged.max() >= against.min() && against.max() >= judged.min();
            if (!check.met() && overlap) {
                overlapping++;
            }
            checks.add(new Check(check.cell(), check.value(), check.bound(), false, check.shown()
                + (!check.met() && overlap ? String.format(Locale.ROOT, " (%s: %,.0f–%,.0f, %s: %,.0f–%,.0f)",
                    columnLabel, judged.min(), judged.max(), referenceLabel, against.min(), against.max()) : "")));
        }
        Goal goal = Goals.cells(flow.key() + "-" + key, part + " " + wording + " in every cell", checks, CELLS);
        if (checks.isEmpty()) {
            return new Goal(goal.key(), goal.goal(), Status.NOT_MEASURED, "Needs " + missing + " in the "
                + flow.key() + " part" + (flow == Flow.THROUGHPUT ? "." : ", which needs Mosquitto."));
        }
        String detail = goal.detail() + (overlapping == 0 ? "" : String.format(Locale.ROOT, " %d of the misses lie"
            + " inside the spread of the rounds (the min–max of the two overlap).", overlapping));
        return new Goal(goal.key(), goal.goal(), goal.status(), detail + " " + lowest(checks));
    }

    /** @return the lowest and highest ratio, so a met goal shows its margin too */
    private static String lowest(List<Check> checks) {
        Check low = checks.get(0);
        Check high = checks.get(0);
        for (Check check : checks) {
            low = check.value() < low.value() ? check : low;
            high = check.value() > high.value() ? check : high;
        }
        return String.format(Locale.ROOT, "Lowest %.2f× (%s), highest %.2f× (%s).", low.value(), low.cell(),
            high.value(), high.cell());
    }
}
