package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormattingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:1883                      | localhost:1883",
        "tcp://broker:1883                   | tcp://broker:1883",
        "user:pass@broker:1883               | ***@broker:1883",
        "tcp://user:p@ss@broker:1883         | tcp://***@broker:1883",
        "wss://user@broker/mqtt              | wss://***@broker/mqtt",
        "ws://broker:80/mqtt@path            | ws://broker:80/mqtt@path",
        "ssl://[::1]:8883                    | ssl://[::1]:8883",
        "ssl://u:p@[::1]:8883?x=y@z          | ssl://***@[::1]:8883?x=y@z",
    })
    void masksTheUserInfoOfAServer(String server, String shown) {
        assertThat(Formatting.server(server)).isEqualTo(shown);
    }

    @Test
    void masksUserInfoOfUrisInsideAnErrorMessage() {
        String error = "connect to ssl://u:pw@h:8883 failed; tried tcp://x:p@ss@h too; mail admin@example.com";

        assertThat(Formatting.error(error, ""))
            .isEqualTo("connect to ssl://***@h:8883 failed; tried tcp://***@h too; mail admin@example.com");
    }

    @Test
    void masksTheServerAsConfiguredInsideAnErrorMessage() {
        assertThat(Formatting.error("invalid configuration: server='user:pw@localhost:99999': is not HOST:PORT",
            "user:pw@localhost:99999"))
            .isEqualTo("invalid configuration: server='***@localhost:99999': is not HOST:PORT");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0.35S, 350 ms",
        "PT12S, 12 s",
        "PT3M12S, 3 min 12 s",
        "PT2H5M30S, 2 h 5 min",
        "P3DT4H10M, 3 d 4 h",
        "PT-5S, 0 ms",
    })
    void writesDurationsForPeople(String duration, String shown) {
        assertThat(Formatting.duration(Duration.parse(duration))).isEqualTo(shown);
    }

    @Test
    void sinceIsTheInstantToTheSecondAndHowLongAgo() {
        assertThat(Formatting.since(Instant.parse("2026-01-01T10:00:00.900Z"), Instant.parse("2026-01-01T10:03:13Z")))
            .isEqualTo("2026-01-01T10:00:00Z (for 3 min 12 s)");
    }
}
