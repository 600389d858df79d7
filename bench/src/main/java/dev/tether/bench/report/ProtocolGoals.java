package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.report.Goals.Check;
import dev.tether.bench.report.Goals.Goal;
import dev.tether.bench.report.Goals.Status;
import dev.tether.bench.wire.WireSample;

/**
 * The goals of issue 15 (MQTT 5), read from this run's medians like those of issues 14 and 16: in every cell of the
 * end-to-end, receive and publish parts Tether 5's rate at least 0.95× Tether 3.1.1's, and the topic aliases saving
 * at least 30 % of the bytes per 64-byte message against MQTT 5 without them.
 */
public final class ProtocolGoals {

    static final double THROUGHPUT_BOUND = 0.95;
    static final double SAVING_BOUND = 0.30;
    private static final int CELLS = 9;

    private ProtocolGoals() {
    }

    public static List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            String part = switch (flow) {
                case THROUGHPUT -> "End-to-end";
                case RECEIVE -> "Receive";
                case PUBLISH -> "Publish";
            };
            goals.add(throughput(results, flow, part));
        }
        goals.add(aliases(results));
        return goals;
    }

    private static Goal throughput(Results results, Flow flow, String part) {
        List<Check> checks = new ArrayList<>();
        int overlapping = 0;
        for (BenchCase benchCase : results.flow(flow).keySet()) {
            if (benchCase.fileQueue()) {
                continue;
            }
            Summary v5 = Tables.messagesPerSecond(Tables.throughput(results, flow, benchCase, Tables.TETHER5));
            Summary v311 = Tables.messagesPerSecond(Tables.throughput(results, flow, benchCase, Tables.TETHER));
            if (v5 == null || v311 == null || v311.median() == 0) {
                continue;
            }
            Check check = Check.ratio(benchCase.label(), v5.median() / v311.median(), THROUGHPUT_BOUND, false);
            boolean overlap = v5.max() >= v311.min() && v311.max() >= v5.min();
            if (!check.met() && overlap) {
                overlapping++;
            }
            checks.add(new Check(check.cell(), check.value(), check.bound(), false, check.shown()
                + (!check.met() && overlap ? String.format(Locale.ROOT, " (5: %,.0f–%,.0f, 3.1.1: %,.0f–%,.0f)",
                    v5.min(), v5.max(), v311.min(), v311.max()) : "")));
        }
        Goal goal = Goals.cells(flow.key() + "-5-vs-311", part + " throughput on MQTT 5 ≥ 0.95× MQTT 3.1.1 in every"
            + " cell", checks, CELLS);
        if (checks.isEmpty()) {
            return new Goal(goal.key(), goal.goal(), Status.NOT_MEASURED, "Needs the Tether 3.1.1 and Tether 5"
                + " columns of the " + flow.key() + " part (Mosquitto).");
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

    private static Goal aliases(Results results) {
        String goal = "Topic aliases: ≥ 30 % fewer bytes per 64-byte message than MQTT 5 without aliases";
        List<Check> checks = new ArrayList<>();
        String reference = "";
        for (Map.Entry<Integer, Map<String, WireSample>> entry : Mqtt5Markdown.byQos(results).entrySet()) {
            Double saving = Mqtt5Markdown.saving(entry.getValue());
            if (saving == null) {
                continue;
            }
            WireSample with = entry.getValue().get(Mqtt5Markdown.ALIASES);
            WireSample without = entry.getValue().get(Mqtt5Markdown.NO_ALIASES);
            checks.add(new Check("QoS " + entry.getKey(), saving, SAVING_BOUND, false, String.format(Locale.ROOT,
                "%.2f → %.2f B per message, %.1f %% fewer", without.bytesPerMessage(), with.bytesPerMessage(),
                saving * 100)));
            WireSample v311 = entry.getValue().get(Mqtt5Markdown.V311);
            if (reference.isEmpty() && v311 != null && v311.complete()) {
                reference = String.format(Locale.ROOT, " Tether 3.1.1 writes %.2f B per message (QoS %d); topic `%s`"
                    + " (%d bytes).", v311.bytesPerMessage(), v311.qos(), v311.topic(),
                    v311.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
        }
        if (checks.isEmpty()) {
            return new Goal("topic-alias-saving", goal, Status.NOT_MEASURED, "Needs the mqtt5 part (Mosquitto, the"
                + " tether5 client), both runs of a QoS complete.");
        }
        Goal judged = Goals.cells("topic-alias-saving", goal, checks, 2);
        return new Goal(judged.key(), judged.goal(), judged.status(), judged.detail() + reference);
    }
}
