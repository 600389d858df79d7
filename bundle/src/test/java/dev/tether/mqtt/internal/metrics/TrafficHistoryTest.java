package dev.tether.mqtt.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics.Sample;

class TrafficHistoryTest {

    private static final long FIVE_SECONDS = TimeUnit.SECONDS.toNanos(5);

    private final TrafficHistory history = new TrafficHistory();

    @Test
    void eachSampleGivesTheRatesSinceTheOneBefore() {
        // given totals of 0, then 500 in and 50 out five seconds later
        history.sample(Instant.EPOCH, 0, 0, 0, 0);
        history.sample(Instant.EPOCH.plusSeconds(5), FIVE_SECONDS, 500, 50, 7);

        // then one sample of 100 in and 10 out per second, with the queue at the end
        assertThat(history.samples()).containsExactly(new Sample(Instant.EPOCH.plusSeconds(5), 100, 10, 7));
    }

    @Test
    void fifteenMinutesAreKept() {
        for (int i = 0; i <= TrafficHistory.SAMPLES + 20; i++) {
            history.sample(Instant.EPOCH.plusSeconds(5L * i), FIVE_SECONDS * i, i, 0, i);
        }

        assertThat(history.samples()).hasSize(TrafficHistory.SAMPLES);
        assertThat(history.samples().get(0).queuedMessages()).isEqualTo(21);
        assertThat(history.samples().get(TrafficHistory.SAMPLES - 1).queuedMessages())
            .isEqualTo(TrafficHistory.SAMPLES + 20);
    }
}
