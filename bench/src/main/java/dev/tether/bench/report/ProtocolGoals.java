package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private static final ColumnRatioGoal THROUGHPUT = new ColumnRatioGoal("5-vs-311",
        "throughput on MQTT 5 ≥ 0.95× MQTT 3.1.1", Tables.TETHER5, "5", Tables.TETHER, "3.1.1", THROUGHPUT_BOUND,
        "the Tether 3.1.1 and Tether 5 columns (Tether 5 on Mosquitto)");

    private ProtocolGoals() {
    }

    public static List<Goal> evaluate(Results results) {
        List<Goal> goals = new ArrayList<>(THROUGHPUT.evaluate(results));
        goals.add(aliases(results));
        return goals;
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
