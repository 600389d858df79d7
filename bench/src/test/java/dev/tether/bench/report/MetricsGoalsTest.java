package dev.tether.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.ThroughputSample;

class MetricsGoalsTest {

    private static final int[] SIZES = {64, 1024, 16 * 1024};

    @Test
    void countingMustKeep98PercentOfTheThroughputInEveryCell() {
        Results results = new Results();
        for (int qos = 0; qos <= 2; qos++) {
            for (int size : SIZES) {
                BenchCase cell = new BenchCase(qos, size, QueueKind.MEMORY, 100);
                results.add(Flow.RECEIVE, cell, "tether-nometrics", sample(10_000));
                // QoS 0, 64 B at 0.97×: the one miss; 0.98× exactly is met
                results.add(Flow.RECEIVE, cell, "tether", sample(qos == 0 && size == 64 ? 9_700
                    : qos == 1 ? 9_800 : 10_100));
            }
        }

        Map<String, Goals.Goal> goals = byKey(MetricsGoals.evaluate(results));

        Goals.Goal receive = goals.get("receive-metrics-cost");
        assertThat(receive.goal()).isEqualTo("Receive throughput with metrics ≥ 0.98× without them (a cost under 2 %)"
            + " in every cell");
        assertThat(receive.status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(receive.detail()).startsWith("1 of 9 measured cells miss it: QoS 0, 64 B 0.97×")
            .contains("Lowest 0.97× (QoS 0, 64 B), highest 1.01×");
        assertThat(goals.get("throughput-metrics-cost").status()).isEqualTo(Goals.Status.NOT_MEASURED);
        assertThat(goals.get("publish-metrics-cost").detail()).contains("metrics off", "which needs Mosquitto");
    }

    @Test
    void everyCellAtOrAbove98PercentMeetsIt() {
        Results results = new Results();
        for (int qos = 0; qos <= 2; qos++) {
            for (int size : SIZES) {
                BenchCase cell = new BenchCase(qos, size, QueueKind.MEMORY, 100);
                results.add(Flow.THROUGHPUT, cell, "tether-nometrics", sample(10_000));
                results.add(Flow.THROUGHPUT, cell, "tether", sample(9_800));
            }
        }

        assertThat(byKey(MetricsGoals.evaluate(results)).get("throughput-metrics-cost").status())
            .isEqualTo(Goals.Status.MET);
    }

    @Test
    void theCountsTimedAloneMustStayUnder2PercentOfTetherCpuPerMessage() {
        Results results = new Results();
        // 17 µs and 0.5 µs of CPU per message: 30 ns is 0.18 % of one, 6 % of the other
        results.add(Flow.THROUGHPUT, new BenchCase(0, 64, QueueKind.MEMORY, 100), "tether", sample(10_000, 17.0));
        results.add(Flow.THROUGHPUT, new BenchCase(1, 64, QueueKind.MEMORY, 100), "tether", sample(10_000, 0.5));
        results.add(Flow.THROUGHPUT, new BenchCase(1, 64, QueueKind.FILE, 100), "tether-file", sample(10_000, 0.1));
        results.operational().add(new OperationalFigure.Builder(OperationalFigure.METRICS_CPU_PER_MESSAGE,
            "metrics: CPU per message counted", "ns").values("tether", List.of(29.0, 30.0, 31.0)).build());

        Goals.Goal goal = byKey(MetricsGoals.evaluate(results)).get("metrics-cpu-share");

        assertThat(goal.status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(goal.detail()).startsWith("The counts take 30 ns per message received and sent")
            .contains("1 of 2 measured cells miss it: QoS 1, 64 B 6.00 % (of 0.5 µs)")
            .doesNotContain("file");
    }

    @Test
    void withoutTheOpsPartTheCpuShareIsNotMeasured() {
        Results results = new Results();
        results.add(Flow.THROUGHPUT, new BenchCase(0, 64, QueueKind.MEMORY, 100), "tether", sample(10_000, 17.0));

        assertThat(byKey(MetricsGoals.evaluate(results)).get("metrics-cpu-share").status())
            .isEqualTo(Goals.Status.NOT_MEASURED);
    }

    private static ThroughputSample sample(double perSecond, double cpuMicrosPerMessage) {
        return new ThroughputSample(100, 100, 0, 0, (long) (100 * 1e9 / perSecond), null,
            (long) (cpuMicrosPerMessage * 100 * 1000), -1);
    }

    private static ThroughputSample sample(double perSecond) {
        return new ThroughputSample(100, 100, 0, 0, (long) (100 * 1e9 / perSecond), null, 1000, -1);
    }

    private static Map<String, Goals.Goal> byKey(List<Goals.Goal> goals) {
        return goals.stream().collect(Collectors.toMap(Goals.Goal::key, Function.identity()));
    }
}
