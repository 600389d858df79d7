package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT 5 Server Keep Alive from Mosquitto 2.0.11: the broker's keep alive replaces Tether's own. */
class Mqtt5MosquittoKeepAliveTest {

    @TempDir
    Path work;

    @Test
    void theBrokersKeepAliveReplacesTethersAndTetherPingsWithinIt() throws Exception {
        // given Mosquitto with max_keepalive 10
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(work).option("max_keepalive", "10").start()) {

            // when Tether connects asking for a keep alive of 60 s, and then stays idle
            ManagedConnection connection = mosquitto.connect("keepalive", "keep_alive", 60);
            long connectedAt = mosquitto.logTimes("Sending CONNACK to keepalive ").get(0);

            // then the status shows the broker's 10 s, and Tether's first PINGREQ comes after about 10 s of silence,
            // not after 60 (Mosquitto logs in whole seconds: 9 to 11 s after the CONNACK)
            assertThat(connection.status().serverKeepAlive()).hasValue(10);
            await().atMost(Duration.ofSeconds(14)).until(() -> !mosquitto.logTimes("Received PINGREQ from keepalive$")
                .isEmpty());
            List<Long> pings = mosquitto.logTimes("Received PINGREQ from keepalive$");
            assertThat(pings.get(0) - connectedAt).isBetween(9L, 11L);
            assertThat(mosquitto.logLines("Sending PINGRESP to keepalive$")).isGreaterThanOrEqualTo(1);
            assertThat(mosquitto.logLines(Mqtt5Mosquitto.connectedAs("keepalive"))).isEqualTo(1);
        }
    }

    @Test
    void aKeepAliveWithinTheBrokersLimitIsKept() throws Exception {
        // given Mosquitto with max_keepalive 10
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(work).option("max_keepalive", "10").start()) {

            // when Tether connects asking for 5 s
            ManagedConnection connection = mosquitto.connect("keepalive-short", "keep_alive", 5);

            // then the broker sets none, and the status says so
            assertThat(connection.status().serverKeepAlive()).isEmpty();
        }
    }
}
