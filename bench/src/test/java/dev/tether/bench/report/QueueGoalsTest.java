package dev.tether.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.CallTimes;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;

class QueueGoalsTest {

    private static final int RECORD = 112;

    @Test
    void fileRowsAreComparedWithTheMemoryRowsOfTheirSize() {
        Results results = new Results();
        for (int size : new int[] {64, 1024}) {
            BenchCase memory = new BenchCase(1, size, QueueKind.MEMORY, 100);
            results.add(Flow.PUBLISH, memory, "tether", sample(10_000, null));
            results.add(Flow.PUBLISH, memory, "paho", sample(9_000, null));
        }
        // 64 B: 0.95× memory, 1.06× Paho; 1 KiB: 0.85× memory, 0.94× Paho
        results.add(Flow.PUBLISH, new BenchCase(1, 64, QueueKind.FILE, 100), "tether-file",
            sample(9_500, wear(1.2)));
        results.add(Flow.PUBLISH, new BenchCase(1, 1024, QueueKind.FILE, 100), "tether-file",
            sample(8_500, wear(1.4)));

        Map<String, Goals.Goal> goals = byKey(QueueGoals.evaluate(results));

        assertThat(goals.get("file-vs-memory").status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(goals.get("file-vs-memory").detail()).startsWith("1 of 2 measured cells miss it: 1 KiB 0.85×");
        assertThat(goals.get("file-vs-paho").detail()).contains("1 KiB 0.94×").doesNotContain("64 B");
        assertThat(goals.get("wear").status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(goals.get("wear").detail()).contains("1 KiB 1.40×");
        assertThat(goals.get("queue-sync-always").status()).isEqualTo(Goals.Status.NOT_MEASURED);
        assertThat(goals.get("queue-recovery").status()).isEqualTo(Goals.Status.NOT_MEASURED);
    }

    @Test
    void syncedRowIsReportedWithoutABound() {
        Results results = new Results();
        results.add(Flow.PUBLISH, new BenchCase(1, 64, QueueKind.FILE_SYNCED, 100), "tether-fsync",
            sample(450, wear(36)));

        Goals.Goal goal = byKey(QueueGoals.evaluate(results)).get("queue-sync-always");

        assertThat(goal.status()).isEqualTo(Goals.Status.REPORTED);
        assertThat(goal.detail()).contains("450 msg/s", "p99 2.20 ms");
    }

    @Test
    void wearIsNotMeasuredWithoutProcSelfIo() {
        Results results = new Results();
        results.add(Flow.PUBLISH, new BenchCase(1, 64, QueueKind.FILE, 100), "tether-file",
            sample(9_000, Wear.unavailable(100, RECORD)));

        Goals.Goal goal = byKey(QueueGoals.evaluate(results)).get("wear");

        assertThat(goal.status()).isEqualTo(Goals.Status.NOT_MEASURED);
        assertThat(goal.detail()).contains("/proc/self/io not available");
    }

    @Test
    void recoveryIsMetWithinOneSecondAndFailedWithAWrongCount() {
        Results results = new Results();
        results.operational().add(new OperationalFigure.Builder(OperationalFigure.QUEUE_RECOVERY, "recovery", "ms")
            .values("tether", List.of(400.0, 1200.0, 600.0)).build());
        assertThat(byKey(QueueGoals.evaluate(results)).get("queue-recovery").status()).isEqualTo(Goals.Status.MET);

        results.operational().clear();
        results.operational().add(new OperationalFigure.Builder(OperationalFigure.QUEUE_RECOVERY, "recovery", "ms")
            .text("tether", "failed: 99,000 of 100,000 recovered").build());
        Goals.Goal failed = byKey(QueueGoals.evaluate(results)).get("queue-recovery");
        assertThat(failed.status()).isEqualTo(Goals.Status.NOT_MET);
        assertThat(failed.detail()).contains("99,000 of 100,000");
    }

    private static Wear wear(double ratio) {
        return new Wear(true, 100, RECORD, (long) (ratio * RECORD * 100), RECORD * 300);
    }

    private static ThroughputSample sample(double perSecond, Wear wear) {
        return new ThroughputSample(100, 100, 0, 0, (long) (100 * 1e9 / perSecond), null, -1, -1,
            new CallTimes(2000, 2200, 2500, 3000), wear);
    }

    private static Map<String, Goals.Goal> byKey(List<Goals.Goal> goals) {
        return goals.stream().collect(Collectors.toMap(Goals.Goal::key, Function.identity()));
    }
}
