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

class GoalsTest {

    private static final int[] SIZES = {64, 1024, 16 * 1024};

    @Test
    void receiveMeetsPahoGoalOnlyWithTheMultipleOfItsSize() {
        Results results = new Results();
        // Tether receives at 2× Paho everywhere: enough at 64 B (1.5×), not at 1 KiB (2.5×) or 16 KiB (4×)
        everyCell(results, Flow.RECEIVE, "tether", 2000, 10);
        everyCell(results, Flow.RECEIVE, "paho", 1000, 10);
        everyCell(results, Flow.RECEIVE, "hivemq", 2000, 10);

        Map<String, Goals.Goal> goals = byKey(Goals.evaluate(results));

        assertThat(goals.get("receive-vs-paho").status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(goals.get("receive-vs-paho").detail()).startsWith("6 of 9 measured cells miss it")
            .contains("QoS 0, 1 KiB 2.00×").doesNotContain("64 B");
        assertThat(goals.get("receive-vs-hivemq").status()).isEqualTo(Goals.Status.MET);
        assertThat(goals.get("cpu-receive-16k").status()).isEqualTo(Goals.Status.MET);
        assertThat(goals.get("publish-vs-hivemq").status()).isEqualTo(Goals.Status.NOT_MEASURED);
    }

    @Test
    void aGoalOverEveryCellIsOnlyMetWhereMeasuredWhenCellsAreMissing() {
        Results results = new Results();
        BenchCase one = new BenchCase(1, 64, QueueKind.MEMORY, 100);
        results.add(Flow.PUBLISH, one, "tether", sample(100, 2000, 10));
        results.add(Flow.PUBLISH, one, "hivemq", sample(100, 1000, 10));

        Goals.Goal goal = byKey(Goals.evaluate(results)).get("publish-vs-hivemq");

        assertThat(goal.status()).isEqualTo(Goals.Status.MET_WHERE_MEASURED);
        assertThat(goal.detail()).contains("Measured 1 of 9 cells");
    }

    @Test
    void runtimeSizeMustStayUnderItsBound() {
        Results results = new Results();
        results.operational().add(new OperationalFigure.Builder(OperationalFigure.SIZE_ON_DISK, "size on disk", "KiB")
            .values("tether", List.of(600.0)).build());
        results.operational().add(new OperationalFigure.Builder(OperationalFigure.HEAP_PER_CONNECTION, "heap", "KiB")
            .values("tether", List.of(24.0)).build());

        Map<String, Goals.Goal> goals = byKey(Goals.evaluate(results));

        assertThat(goals.get(OperationalFigure.SIZE_ON_DISK).status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(goals.get(OperationalFigure.HEAP_PER_CONNECTION).status()).isEqualTo(Goals.Status.MET);
        assertThat(goals.get("threads").status()).isEqualTo(Goals.Status.NOT_MEASURED);
    }

    private static void everyCell(Results results, Flow flow, String column, double perSecond, double cpuMicros) {
        for (int qos = 0; qos <= 2; qos++) {
            for (int size : SIZES) {
                results.add(flow, new BenchCase(qos, size, QueueKind.MEMORY, 100), column,
                    sample(100, perSecond, cpuMicros));
            }
        }
    }

    private static ThroughputSample sample(int count, double perSecond, double cpuMicros) {
        return new ThroughputSample(count, count, 0, 0, (long) (count * 1e9 / perSecond), null,
            (long) (cpuMicros * 1e3 * count), -1);
    }

    private static Map<String, Goals.Goal> byKey(List<Goals.Goal> goals) {
        return goals.stream().collect(Collectors.toMap(Goals.Goal::key, Function.identity()));
    }
}
