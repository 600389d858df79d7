package dev.tether.mqtt.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientIdsTest {

    @ParameterizedTest(name = "configured={0} name={1} device.id={2} host={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "mine | default | gw-1  | host  | mine",
        "mine | backup  | gw-1  | host  | mine",
        "''   | default | gw-1  | host  | gw-1",
        "''   | default | ' gw-1 ' | host | gw-1",
        "''   | backup  | gw-1  | host  | gw-1-backup",
        "''   | default | null  | Gate_Way.LAN | tether-gate-way-lan",
        "''   | backup  | null  | gw    | tether-gw-backup",
        "''   | default | ''    | gw    | tether-gw",
        "''   | default | null  | ''    | tether-gateway",
    })
    void resolvesTheClientId(String configured, String name, String deviceId, String host, String expected) {
        // given the inputs / when
        String clientId = ClientIds.resolve(configured, name, deviceId, host);

        // then
        assertThat(clientId).isEqualTo(expected);
    }
}
