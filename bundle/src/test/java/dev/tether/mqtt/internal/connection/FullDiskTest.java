package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.queue.FaultyFiles;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Ports;

/**
 * A full disk under the file queue: publishing QoS 1 fails at once with STORE_FAILED, what the queue holds is still
 * sent, and publishing works again as soon as the disk has room, without a restart.
 */
class FullDiskTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dataArea;

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    /** A free port nobody listens on: messages queue, and the witness subscribes before the broker gets them. */
    private final String nowhere = "127.0.0.1:" + Ports.free();
    private final TestConnections connections = new TestConnections();
    private final FaultyFiles disk = new FaultyFiles();
    private final RecordingLogger log = new RecordingLogger();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
        broker.close();
    }

    private ManagedConnection connection() {
        ManagedConnection connection = new ManagedConnection("default", log.logger(),
            ClockCheck.system(Instant.EPOCH), dataArea, disk);
        connections.closeAfter(connection::close);
        connection.apply(connections.config(nowhere));
        return connection;
    }

    private static CompletableFuture<Void> publish(ManagedConnection connection, String payload) {
        return connection.publish("disk/q", payload.getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture();
    }

    @Test
    void aFullDiskRefusesNewMessagesKeepsSendingQueuedOnesAndRecoversWithoutARestart() throws Exception {
        // given three messages queued in the file while the broker is down
        ManagedConnection connection = connection();
        List<CompletableFuture<Void>> queued = List.of(publish(connection, "1"), publish(connection, "2"),
            publish(connection, "3"));
        assertThat(connection.status().queuedMessages()).isEqualTo(3);

        // when the disk fills up
        disk.diskFull = true;
        CompletableFuture<Void> refused = publish(connection, "refused");

        // then the publish fails at once, naming the cause, and the queue keeps what it had
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STORE_FAILED))
            .withMessageContaining("No space left on device");
        assertThat(connection.status().queuedMessages()).isEqualTo(3);

        // and when the broker comes, what was queued is sent while the disk is still full
        broker.start();
        TestSubscriber witness = connections.closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(), "disk/#"));
        connection.apply(connections.config(broker.plainAddress()));
        for (CompletableFuture<Void> stage : queued) {
            stage.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        // and when the disk has room again, publishing works without a restart
        disk.diskFull = false;
        publish(connection, "4").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 4);
        assertThat(witness.payloads()).containsExactly("1", "2", "3", "4");
        assertThat(log.lines()).filteredOn(line -> line.contains("No space left on device")).isNotEmpty();
        assertThat(log.lines()).anyMatch(line -> line.contains("writing works again"));

        // and the files on disk are whole: a restart sends nothing again
        connection.close();
        ManagedConnection next = connection();
        next.apply(connections.config(broker.plainAddress()));
        await().atMost(TIMEOUT).until(() -> next.state() == dev.tether.mqtt.ConnectionState.CONNECTED);
        assertThat(next.status().queuedMessages()).isZero();
        assertThat(log.lines()).noneMatch(line -> line.contains("cut short") || line.contains("damaged"));
    }

    @Test
    void aQueueThatCannotBeOpenedRefusesMessagesUntilItCanWithoutARestart() throws Exception {
        // given a data area where the queue's folder cannot be made (a file is in its way, as a read-only or broken
        // file system would refuse it)
        Path blocker = Files.writeString(dataArea.resolve("queue-default"), "in the way");
        ManagedConnection connection = connection();

        // when a QoS 1 message is published
        CompletableFuture<Void> refused = publish(connection, "refused");

        // then it is refused at once and says why, rather than kept in memory as if it were safe
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).havingCause()
            .isInstanceOfSatisfying(MqttServiceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STORE_FAILED))
            .withMessageContaining(blocker.toString());
        assertThat(connection.status().queuedMessages()).isZero();

        // and once the way is free, publishing works again by itself, and the message is sent
        Files.delete(blocker);
        await().atMost(TIMEOUT).until(() -> !publish(connection, "accepted").isCompletedExceptionally());
        assertThat(connection.status().queuedMessages()).isEqualTo(1);
        assertThat(log.lines()).filteredOn(line -> line.contains("fails with STORE_FAILED until it opens")).hasSize(1);
        assertThat(log.lines()).anyMatch(line -> line.contains("publishing QoS 1 and 2 works again"));
        broker.start();
        TestSubscriber witness = connections.closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(), "disk/#"));
        connection.apply(connections.config(broker.plainAddress()));
        await().atMost(TIMEOUT).until(() -> witness.payloads().contains("accepted"));
    }
}
