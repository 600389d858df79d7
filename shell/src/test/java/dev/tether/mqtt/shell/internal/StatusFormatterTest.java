package dev.tether.mqtt.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;

class StatusFormatterTest {

    private final StatusFormatter formatter = new StatusFormatter(
        Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

    private static ConnectionStatus status(String name, ConnectionState state, String server, String clientId) {
        return new FakeMqttService.Status(name, state, server, clientId, Optional.empty(), 0, Optional.empty(),
            List.of(), 0, 0, Optional.empty(), 0, 0, 0);
    }

    @Test
    void tableAlignsEveryColumn() {
        List<String> lines = formatter.table(List.of(
            status("default", ConnectionState.CONNECTED, "tcp://127.0.0.1:1883", "gw-1"),
            status("cloud-backup", ConnectionState.CONFIGURATION_ERROR, "ssl://x:8883", "gw-1-cloud-backup")));

        assertThat(lines).containsExactly(
            "NAME          STATE                SERVER                CLIENT ID",
            "default       CONNECTED            tcp://127.0.0.1:1883  gw-1",
            "cloud-backup  CONFIGURATION_ERROR  ssl://x:8883          gw-1-cloud-backup");
    }

    @Test
    void statusShowsEveryField() {
        ConnectionStatus status = new FakeMqttService.Status("default", ConnectionState.CONNECTED,
            "tcp://127.0.0.1:1883", "gw-1", Optional.of(Instant.parse("2026-11-25T10:58:57.123456Z")), 3,
            Optional.of("connection lost: broker closed the connection"),
            List.of(new FakeMqttService.Filter("home/+/setpoint", 1, 2, OptionalInt.of(1)),
                new FakeMqttService.Filter("cmd/#", 0, 1),
                new FakeMqttService.Filter("secret/#", 1, 1, OptionalInt.empty(), OptionalInt.of(0x87))),
            12, 4, Optional.of(Duration.ofSeconds(75)), 5, 1000, 2000, Optional.of("5"), Optional.of("auto-7f3a"),
            OptionalInt.of(30), Optional.of(false));

        assertThat(formatter.status(status)).containsExactly(
            "connection            default",
            "state                 CONNECTED",
            "server                tcp://127.0.0.1:1883",
            "client id             gw-1",
            "protocol              MQTT 5",
            "assigned client id    auto-7f3a",
            "server keep alive     30s",
            "shared subscriptions  not supported",
            "connected since       2026-11-25T10:58:57.123Z (1h 1m 2s ago)",
            "reconnect attempts    3",
            "last error            connection lost: broker closed the connection",
            "messages sent         1000",
            "messages received     2000",
            "queued messages       12",
            "in flight             4",
            "oldest queued         1m 15s",
            "dropped messages      5",
            "subscriptions         3",
            "  home/+/setpoint  QoS 1  granted 1  2 listeners",
            "  cmd/#            QoS 0  granted -  1 listener",
            "  secret/#         QoS 1  granted refused (0x87)  1 listener");
    }

    @Test
    void statusOfADisconnectedConnectionSaysWhatIsMissing() {
        assertThat(formatter.status(status("x", ConnectionState.DISCONNECTED, "tcp://h:1", "c")))
            .contains("protocol              not connected", "connected since       not connected",
                "last error            none", "oldest queued         none", "subscriptions         0");
    }

    @Test
    void durationsReadLikeAPersonWritesThem() {
        assertThat(StatusFormatter.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(StatusFormatter.duration(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(StatusFormatter.duration(Duration.ofSeconds(3600))).isEqualTo("1h");
        assertThat(StatusFormatter.duration(Duration.ofDays(2).plusSeconds(61))).isEqualTo("2d 1m 1s");
    }
}
