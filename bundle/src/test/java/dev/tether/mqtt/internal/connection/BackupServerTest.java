package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** {@code backup_server}: alternating attempts, failover with subscriptions intact, and the return to the server. */
class BackupServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedMoquette primary = EmbeddedMoquette.builder().plain().recording().build();
    private final EmbeddedMoquette backup = EmbeddedMoquette.builder().plain().recording().build();
    private final RecordingLogger log = new RecordingLogger();
    private final ManagedConnection connection = new ManagedConnection("default", log.logger(),
        ClockCheck.system(Instant.EPOCH), null);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() {
        connection.close();
        primary.close();
        backup.close();
    }

    private ParsedConfiguration config(int primaryCheckSeconds) {
        return connections.config(primary.plainAddress(), "backup_server", backup.plainAddress(),
            "primary_check_interval", primaryCheckSeconds);
    }

    private void awaitConnectedTo(EmbeddedMoquette broker, boolean onBackup) {
        await("connected to " + broker.plainAddress()).atMost(TIMEOUT).untilAsserted(() -> {
            ConnectionStatus status = connection.status();
            assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(status.server()).isEqualTo("tcp://" + broker.plainAddress());
            assertThat(status.onBackupServer()).isEqualTo(onBackup);
        });
    }

    /** Publishes through the connection and waits until its own subscriber has the message back. */
    private void roundTrip(String payload) throws Exception {
        connection.publish("failover/x", payload.getBytes(), 1, false).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        await("'" + payload + "' back").atMost(TIMEOUT).until(() -> received.contains(payload));
    }

    @Test
    void connectsToTheBackupWhileTheServerIsDownAndReturnsWhenItIsBack() throws Exception {
        // given the configured server down, the backup up, and a subscriber
        backup.start();
        connection.subscribe(List.of("failover/#"), 1, message -> received.add(message.payloadAsString()));

        // when
        connection.apply(config(1));

        // then the connection runs on the backup, with its subscription
        awaitConnectedTo(backup, true);
        roundTrip("on the backup");
        assertThat(backup.publishedPayloads()).contains("on the backup");

        // when the configured server comes up
        primary.start();

        // then the connection moves back, subscription included
        awaitConnectedTo(primary, false);
        roundTrip("back on the server");
        assertThat(primary.publishedPayloads()).contains("back on the server");
    }

    @Test
    void whenTheServerStopsTrafficMovesToTheBackupWithSubscriptionsIntact() throws Exception {
        // given a connection to the server, with a subscriber
        primary.start();
        backup.start();
        connection.subscribe(List.of("failover/#"), 1, message -> received.add(message.payloadAsString()));
        connection.apply(config(1));
        awaitConnectedTo(primary, false);
        roundTrip("before");

        // when the server stops
        primary.stop();

        // then
        awaitConnectedTo(backup, true);
        roundTrip("after failover");
        assertThat(backup.subscriptionPackets()).contains("SUBSCRIBE failover/# 1");
    }

    @Test
    void withBothDownAttemptsAlternate() {
        // when neither broker is up
        connection.apply(config(1));

        // then the attempts go to the server, the backup, the server, ...
        await().atMost(TIMEOUT).until(() -> failedAttempts().size() >= 3);
        assertThat(failedAttempts().subList(0, 3)).containsExactly(primary.plainAddress(), backup.plainAddress(),
            primary.plainAddress());
    }

    @Test
    void withoutPrimaryChecksTheConnectionStaysOnTheBackup() throws Exception {
        // given a connection on the backup, primary_check_interval=0
        backup.start();
        connection.apply(config(0));
        awaitConnectedTo(backup, true);

        // when the server comes up, then the connection stays on the backup
        primary.start();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> connection.status().onBackupServer());
    }

    /** @return the address of each failed connect attempt, in order, from the log */
    private List<String> failedAttempts() {
        return log.lines().stream()
            .filter(line -> line.contains("failed:") && line.contains("connect to tcp://"))
            .map(line -> line.replaceAll(".*connect to tcp://([0-9.]+:[0-9]+) failed.*", "$1"))
            .toList();
    }
}
