package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connections with one client id against Mosquitto 2.0.11. Each connect takes the session over. Mosquitto 2.0.11
 * sends no DISCONNECT 0x8E when it does: it closes the old connection (also seen with a raw socket client: an end of
 * stream right after the second CONNACK), so Tether cannot tell the take-over from another loss. What keeps the two
 * from throwing each other off as fast as they can is the backoff: a connection lost within
 * {@link Attempts#STABLE_AFTER} of its CONNACK does not start the delays at the minimum again.
 */
class Mqtt5MosquittoTakeOverTest {

    private static final String CLIENT_ID = "twin";
    private static final Object[] BACKOFF = {"reconnect_timeout_min", 1, "reconnect_timeout_max", 8};

    @TempDir
    Path work;

    /** @return the first connection, thrown off by a second one with the same client id that connects now */
    private static ManagedConnection[] twins(Mqtt5Mosquitto mosquitto) {
        ManagedConnection first = mosquitto.unconfigured("twin-a");
        first.apply(mosquitto.config(CLIENT_ID, BACKOFF));
        Mqtt5Mosquitto.awaitConnected(first);
        ManagedConnection second = mosquitto.unconfigured("twin-b");
        second.apply(mosquitto.config(CLIENT_ID, BACKOFF));
        await().atMost(Mqtt5Mosquitto.TIMEOUT).until(() -> first.status().lastError().isPresent());
        return new ManagedConnection[] {first, second};
    }

    @Test
    void mosquittoClosesATakenOverSessionWithoutDisconnectSoTetherSeesThePeerClose() throws Exception {
        // given Mosquitto and a connection with a client id
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(work).start()) {

            // when a second connection comes with the same client id
            ManagedConnection first = twins(mosquitto)[0];

            // then Mosquitto closed the first connection ("already connected, closing old connection") without
            // sending it a DISCONNECT (it logs every DISCONNECT it sends with log_type all), and Tether says so
            assertThat(mosquitto.logLines("Client " + CLIENT_ID + " already connected, closing old connection"))
                .isGreaterThanOrEqualTo(1);
            assertThat(mosquitto.logLines("Sending DISCONNECT to " + CLIENT_ID)).isZero();
            assertThat(first.status().lastError().orElseThrow()).contains("closed by the peer")
                .doesNotContain("0x8E");
        }
    }

    @Test
    void twoConnectionsWithOneClientIdBackOffInsteadOfThrowingEachOtherOffAsFastAsTheyCan() throws Exception {
        // given Mosquitto and a connection with a client id, retrying after 1 s, doubling up to 8 s
        try (Mqtt5Mosquitto mosquitto = Mqtt5Mosquitto.in(work).start()) {

            // when a second connection comes with the same client id
            twins(mosquitto);

            // then over the next 15 s the two connect about 8 times (delays 1, 1, 2, 2, 4, 4, 8 s), not about 15 times
            // as with a fixed 1 s delay
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(16))
                .until(() -> mosquitto.logLines(Mqtt5Mosquitto.connectedAs(CLIENT_ID)) <= 10);
            List<Long> connects = mosquitto.logTimes(Mqtt5Mosquitto.connectedAs(CLIENT_ID));
            assertThat(connects).as("connections in 15 s").hasSizeBetween(5, 10);
            // growing gaps: the last one is at least 3 s (Mosquitto logs whole seconds)
            assertThat(connects.get(connects.size() - 1) - connects.get(connects.size() - 2)).isGreaterThanOrEqualTo(3);
        }
    }
}
