package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Json;

/**
 * A connection's {@code status_topic} against Moquette, seen by a plain Paho client: the status at connect and every
 * {@code status_interval}, and the offline document an orderly close leaves retained. (The will after a kill:
 * {@code GatewayStatusTopicIT}.)
 */
class StatusTopicTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void theStatusComesAtConnectAndEveryIntervalWithTheClientIdInTheTopic() throws Exception {
        // given a witness subscribed to the status topic of client id gw-7
        EmbeddedMoquette broker = connections.closeAfter(EmbeddedMoquette.builder().plain().start());
        TestSubscriber witness = connections.closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(),
            "fleet/gw-7/status"));

        // when a connection with status_topic fleet/{client_id}/status and status_interval 1 s connects
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "client_id", "gw-7", "status_topic", "fleet/{client_id}/status", "status_interval", 1,
            "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);

        // then the witness gets the online status at once, then again, each counting the ones before it
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 3);
        List<Map<String, Object>> statuses = witness.payloads().stream().map(Json::object).toList();
        Map<String, Object> birth = statuses.get(0);
        assertThat(birth).containsEntry("status", "online").containsEntry("connection", "default")
            .containsEntry("client_id", "gw-7").containsEntry("state", "CONNECTED").containsEntry("connects", 1L);
        assertThat(Json.at(birth, "messages", "out", "qos1")).isEqualTo(0L);
        assertThat((Long) Json.at(statuses.get(2), "messages", "out", "qos1")).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void anOrderlyCloseLeavesTheTopicReadingOffline() throws Exception {
        // given a connection that published its status
        EmbeddedMoquette broker = connections.closeAfter(EmbeddedMoquette.builder().plain().recording().start());
        ManagedConnection connection = connections.open(null, connections.config(broker.plainAddress(),
            "client_id", "gw-8", "status_topic", "fleet/{client_id}/status", "queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
        await().atMost(TIMEOUT).until(() -> broker.publishedPayloads().stream()
            .anyMatch(payload -> payload.contains("\"online\"")));

        // when it is closed, with a DISCONNECT after which the broker drops the will
        connection.close();

        // then a client that subscribes afterwards reads the will's offline document, retained
        TestSubscriber later = connections.closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(),
            "fleet/gw-8/status"));
        await().atMost(TIMEOUT).until(() -> !later.payloads().isEmpty());
        assertThat(Json.object(later.payloads().get(0))).isEqualTo(Map.of("status", "offline",
            "connection", "default", "client_id", "gw-8"));
    }
}
