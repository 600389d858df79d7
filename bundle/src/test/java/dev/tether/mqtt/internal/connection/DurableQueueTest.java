package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.testing.EmbeddedMoquette;
import dev.tether.mqtt.testing.Ports;

/** The persistent queue: nothing publish accepted is lost when the connection, or the process, goes away. */
class DurableQueueTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dataArea;

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    /** A free port nobody listens on: messages queue while the witness is not subscribed yet. */
    private static final String NOWHERE = "127.0.0.1:" + Ports.free();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
        broker.close();
    }

    private ParsedConfiguration config(Object... keyValues) {
        return connections.config(broker.plainAddress(), keyValues);
    }

    private ManagedConnection connection(ParsedConfiguration configuration) {
        return connections.open(dataArea, configuration);
    }

    private TestSubscriber witness() throws Exception {
        return connections.closeAfter(new TestSubscriber("tcp://" + broker.plainAddress(), "durable/#"));
    }

    private static List<CompletableFuture<Void>> publish(ManagedConnection connection, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> connection.publish("durable/q",
            Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture()).toList();
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void messagesQueuedWhenTheConnectionClosedAreSentByTheNextOne() throws Exception {
        // given messages accepted while the broker is down
        ManagedConnection first = connection(config());
        List<CompletableFuture<Void>> stages = publish(first, 0, 50);
        assertThat(first.status().queuedMessages()).isEqualTo(50);

        // when the connection closes (bundle stop, framework shutdown)
        first.close();

        // then the callers hear that it closed, and that the messages stay queued
        assertThat(stages).allSatisfy(stage -> assertThat(stage).failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(MqttServiceException.class)
            .withMessageContaining("stays in the queue file"));

        // and the next connection sends them all, in order, once the broker is there
        broker.start();
        TestSubscriber witness = witness();
        ManagedConnection second = connection(config());
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 50);
        assertThat(witness.payloads()).containsExactlyElementsOf(numbers(0, 50));
        await().atMost(TIMEOUT).until(() -> second.status().queuedMessages() == 0);
    }

    @Test
    void acknowledgedMessagesAreNotSentAgainByTheNextConnection() throws Exception {
        // given messages delivered and acknowledged
        broker.start();
        TestSubscriber witness = witness();
        ManagedConnection first = connection(config());
        for (CompletableFuture<Void> stage : publish(first, 0, 20)) {
            stage.get(10, TimeUnit.SECONDS);
        }
        first.close();

        // when the next connection starts
        ManagedConnection second = connection(config());
        await().atMost(TIMEOUT).until(second::state, ConnectionState.CONNECTED::equals);
        second.publish("durable/q", "marker".getBytes(StandardCharsets.UTF_8), 1, false).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

        // then nothing of the first run is sent again
        await().atMost(TIMEOUT).until(() -> witness.payloads().contains("marker"));
        assertThat(witness.payloads()).hasSize(21);
    }

    @Test
    void memoryQueueIsLostWithTheConnection() throws Exception {
        // given
        ManagedConnection first = connection(config("queue_persistence", "memory"));
        publish(first, 0, 5);
        first.close();

        // when
        ManagedConnection second = connection(config("queue_persistence", "memory"));

        // then
        assertThat(second.status().queuedMessages()).isZero();
        assertThat(dataArea).isEmptyDirectory();
    }

    @Test
    void fullQueueRejectsNewMessagesUnderReject() {
        // given
        ManagedConnection connection = connection(config("max_queue_length", 3));
        List<CompletableFuture<Void>> accepted = publish(connection, 0, 3);

        // when
        CompletableFuture<Void> fourth = publish(connection, 3, 4).get(0);

        // then
        assertThat(fourth).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
            .havingCause().isInstanceOf(MqttServiceException.class)
            .withMessageContaining("the queue is full (3 messages waiting of max_queue_length=3")
            .withMessageContaining("queue_overflow=reject)");
        assertThat(accepted).noneMatch(CompletableFuture::isDone);
        assertThat(connection.status().queuedMessages()).isEqualTo(3);
        assertThat(connection.status().droppedMessages()).isZero();
    }

    @Test
    void fullQueueDropsTheOldestUnderDropOldest() throws Exception {
        // given a connection to a broker that is not there
        ManagedConnection connection = connection(connections.config(NOWHERE, "max_queue_length", 3,
            "queue_overflow", "drop_oldest"));

        // when
        List<CompletableFuture<Void>> stages = publish(connection, 0, 5);

        // then the two oldest are dropped, said so, and counted
        assertThat(stages.subList(0, 2)).allSatisfy(stage -> assertThat(stage).failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(ExecutionException.class).havingCause()
            .withMessageContaining("dropped from the full queue"));
        assertThat(connection.status().droppedMessages()).isEqualTo(2);
        assertThat(connection.status().queuedMessages()).isEqualTo(3);
        assertThat(connection.status().oldestMessageAge()).isPresent();

        // and the rest go out once the broker is there (the witness subscribes first)
        broker.start();
        TestSubscriber witness = witness();
        connection.apply(config("max_queue_length", 3, "queue_overflow", "drop_oldest"));
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 3);
        assertThat(witness.payloads()).containsExactly("2", "3", "4");
        assertThat(connection.status().oldestMessageAge()).isEmpty();
    }

    @Test
    void switchingToMemoryKeepsTheQueueAndDeletesTheFile() throws Exception {
        // given messages queued in the file for a broker that is not there
        ManagedConnection connection = connection(connections.config(NOWHERE));
        publish(connection, 0, 4);
        assertThat(dataArea.resolve("queue-default")).exists();

        // when
        connection.apply(connections.config(NOWHERE, "queue_persistence", "memory"));

        // then
        assertThat(dataArea.resolve("queue-default")).doesNotExist();
        assertThat(connection.status().queuedMessages()).isEqualTo(4);
        broker.start();
        TestSubscriber witness = witness();
        connection.apply(config("queue_persistence", "memory"));
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 4);
        assertThat(witness.payloads()).containsExactlyElementsOf(numbers(0, 4));
    }

    @Test
    void switchingToFileStoresWhatIsQueuedInMemory() throws Exception {
        // given messages queued in memory
        ManagedConnection first = connection(config("queue_persistence", "memory"));
        publish(first, 0, 4);

        // when the queue moves to the file and the connection then closes
        first.apply(config());
        first.close();

        // then the next connection sends them
        broker.start();
        TestSubscriber witness = witness();
        connection(config());
        await().atMost(TIMEOUT).until(() -> witness.payloads().size() >= 4);
        assertThat(witness.payloads()).containsExactlyElementsOf(numbers(0, 4));
    }
}
