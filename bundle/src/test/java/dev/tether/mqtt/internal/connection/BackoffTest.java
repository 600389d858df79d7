package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MIN = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);

    private static List<Duration> delays(Backoff backoff, int count) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(backoff.next());
        }
        return delays;
    }

    @Test
    void firstDelayIsBetweenMinAndATenthMore() {
        // given
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            Backoff backoff = new Backoff(MIN, MAX, random::nextDouble);

            // when
            Duration first = backoff.next();

            // then
            assertThat(first).isBetween(MIN, Duration.ofMillis(2200));
        }
    }

    @Test
    void withoutJitterDelaysDoubleUpToTheMaximum() {
        // given
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.0);

        // when
        List<Duration> delays = delays(backoff, 8);

        // then
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void withLargestJitterDelaysAreStretchedByATenthAndCappedAtTheMaximum() {
        // given
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.999);

        // when
        List<Duration> delays = delays(backoff, 7);

        // then
        assertThat(delays).extracting(Duration::toMillis)
            .containsExactly(2199L, 4399L, 8799L, 17598L, 35196L, 60000L, 60000L);
        assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(MAX));
    }

    @Test
    void resetStartsAgainAtTheMinimum() {
        // given
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.0);
        delays(backoff, 5);

        // when
        backoff.reset();

        // then
        assertThat(backoff.next()).isEqualTo(MIN);
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void equalMinAndMaxGiveAConstantDelay() {
        // given
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> 0.5);

        // when
        List<Duration> delays = delays(backoff, 3);

        // then
        assertThat(delays).containsOnly(Duration.ofSeconds(5));
    }
}
