package dev.tether.mqtt.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionMetrics.Event;
import dev.tether.mqtt.ConnectionMetrics.Latency;
import dev.tether.mqtt.ConnectionMetrics.Sample;

class MetricsFormatterTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:00Z");

    private final MetricsFormatter formatter = new MetricsFormatter();

    private static ConnectionMetrics quiet(List<Event> events) {
        return new FakeMqttService.Metrics("plant", NOW, new long[3], new long[3], new long[3], new long[3], 0, 0,
            Map.of(), 0, 0, 0, 0, 0, Optional.empty(), List.of(), events);
    }

    private static Event event(String time, String type, String detail, int count) {
        return new Event(Instant.parse(time), type, detail, count);
    }

    @Test
    void metricsShowEveryFigure() {
        // given
        Map<String, Long> failed = new TreeMap<>(Map.of("unreachable", 3L, "refused", 1L));
        ConnectionMetrics metrics = new FakeMqttService.Metrics("default", NOW,
            new long[] {120, 15, 0}, new long[] {9600, 640, 0}, new long[] {0, 8640, 2}, new long[] {0, 552960, 70},
            2, 1, failed, 12, 4096, 3, 5, 7,
            Optional.of(new Latency(12, Duration.ofNanos(4_096_000), Duration.ofNanos(9_741_000),
                Duration.ofSeconds(75))),
            List.of(new Sample(NOW.minusSeconds(5), 0, 1.5, 9), new Sample(NOW, 2.4, 288.04, 12)),
            List.of(event("2026-12-07T09:00:02.500Z", "ATTEMPT_FAILED", "tcp://broker:1883: connection refused", 3),
                event("2026-12-07T09:00:12Z", "CONNECTED", "tcp://broker:1883 with MQTT 5", 1)));

        // when
        List<String> lines = formatter.metrics(metrics);

        // then
        assertThat(lines).containsExactly(
            "connection            default",
            "taken at              2026-12-07T10:15:00.000Z",
            "                      QoS 0   QoS 1  QoS 2   total",
            "messages in             120      15      0     135",
            "bytes in               9600     640      0   10240",
            "messages out              0    8640      2    8642",
            "bytes out                 0  552960     70  553030",
            "connects              2",
            "connection losses     1",
            "failed attempts       4 (refused 1, unreachable 3)",
            "queued messages       12",
            "queued bytes          4096",
            "in flight             3",
            "dropped messages      5",
            "listener overflows    7",
            "publish latency       p50 4.1ms  p99 9.7ms  max 1m 15s  (12 acknowledged in the last minute)",
            "rates                 in 2.4/s  out 288/s  queued 12  (5s up to 2026-12-07T10:15:00.000Z)",
            "recent events         2",
            "  2026-12-07T09:00:02.500Z  ATTEMPT_FAILED  tcp://broker:1883: connection refused x3",
            "  2026-12-07T09:00:12.000Z  CONNECTED       tcp://broker:1883 with MQTT 5");
    }

    @Test
    void aQuietConnectionSaysWhatItHasNotSeen() {
        assertThat(formatter.metrics(quiet(List.of()))).contains(
            "failed attempts       0",
            "publish latency       none in the last minute",
            "rates                 no sample yet (one every 5s)",
            "recent events         none");
    }

    @Test
    void onlyTheLastTenEventsAreShownNewestLast() {
        // given twelve events, a minute apart
        List<Event> events = new ArrayList<>();
        for (int minute = 0; minute < 12; minute++) {
            events.add(new Event(NOW.plusSeconds(60L * minute), "CONNECTED", "event " + minute, 1));
        }

        // when
        List<String> lines = formatter.metrics(quiet(events));

        // then
        int heading = lines.indexOf("recent events         the last 10 of 12");
        assertThat(heading).isPositive();
        assertThat(lines.subList(heading + 1, lines.size())).hasSize(MetricsFormatter.EVENTS_SHOWN)
            .first().isEqualTo("  2026-12-07T10:17:00.000Z  CONNECTED  event 2");
        assertThat(lines).last().isEqualTo("  2026-12-07T10:26:00.000Z  CONNECTED  event 11");
    }

    @Test
    void anEventDetailWithLineBreaksStaysOneLine() {
        List<String> lines = formatter.metrics(quiet(List.of(
            event("2026-12-07T09:00:00Z", "CONNECTION_LOST", "read failed:\nconnection reset", 1))));

        assertThat(lines).last()
            .isEqualTo("  2026-12-07T09:00:00.000Z  CONNECTION_LOST  read failed:\\nconnection reset");
    }

    @Test
    void latenciesReadInMillisecondsUnderASecondThenInSeconds() {
        assertThat(MetricsFormatter.latency(Duration.ofNanos(256_000))).isEqualTo("0.26ms");
        assertThat(MetricsFormatter.latency(Duration.ofNanos(12_345_000))).isEqualTo("12.3ms");
        assertThat(MetricsFormatter.latency(Duration.ofNanos(999_400_000))).isEqualTo("999ms");
        assertThat(MetricsFormatter.latency(Duration.ofMillis(2500))).isEqualTo("2.5s");
        assertThat(MetricsFormatter.latency(Duration.ofSeconds(75))).isEqualTo("1m 15s");
    }
}
