package dev.tether.mqtt.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics.Latency;

class LatencyWindowTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LatencyWindow window = new LatencyWindow();

    @Test
    void percentilesAreAtMostAQuarterHighAndMaxIsExact() {
        // given 100 latencies of 1 to 100 ms
        long now = 1000 * SECOND;
        for (int i = 1; i <= 100; i++) {
            window.record(i * MS, now);
        }

        // when
        Latency latency = window.snapshot(now).orElseThrow();

        // then
        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50()).isBetween(Duration.ofMillis(50), Duration.ofMillis(63));
        assertThat(latency.p99()).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void latenciesOlderThanAMinuteAreForgotten() {
        // given a slow acknowledgement long ago and a fast one now
        window.record(900 * MS, 1000 * SECOND);
        window.record(2 * MS, 1061 * SECOND);

        // when
        Latency latency = window.snapshot(1061 * SECOND).orElseThrow();

        // then
        assertThat(latency.count()).isOne();
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void nothingMeasuredIsEmpty() {
        assertThat(window.snapshot(5 * SECOND)).isEmpty();
        window.record(MS, 5 * SECOND);
        assertThat(window.snapshot(70 * SECOND)).isEmpty();
    }

    @Test
    void everyBucketHoldsWhatItsEdgesSay() {
        for (long micros = 1; micros < 1 << 20; micros = micros * 5 / 4 + 1) {
            int bucket = LatencyWindow.bucket(micros);
            assertThat(LatencyWindow.upperEdge(bucket)).as("upper edge of %d µs", micros)
                .isGreaterThanOrEqualTo(micros).isLessThanOrEqualTo(micros * 5 / 4 + 1);
            if (bucket > 0) {
                assertThat(LatencyWindow.upperEdge(bucket - 1)).as("edge below %d µs", micros).isLessThan(micros);
            }
        }
    }
}
