package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.EmbeddedMoquette;

/** kill -9 of a process with queued messages: the next process sends every one of them. */
class CrashRecoveryTest {

    private static final int MESSAGES = 500;

    @TempDir
    Path dataArea;

    private final EmbeddedMoquette broker = EmbeddedMoquette.builder().plain().build();
    private Process child;
    private ManagedConnection next;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (next != null) {
            next.close();
        }
        broker.close();
    }

    @Test
    void messagesQueuedByAKilledProcessAreSentByTheNextOne() throws Exception {
        // given a process that queued messages for a broker that is down
        String java = ProcessHandle.current().info().command().orElse("java");
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            QueueingPublisher.class.getName(), dataArea.toString(), broker.plainAddress(), Integer.toString(MESSAGES))
            .redirectErrorStream(true).start();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(QueueingPublisher.QUEUED)) {
                        return line;
                    }
                }
                return "child ended without queueing";
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        assertThat(queued.get(60, TimeUnit.SECONDS)).isEqualTo(QueueingPublisher.QUEUED + MESSAGES);

        // when it is killed without a chance to clean up (SIGKILL)
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // then a new process on the same data area sends every message, in order
        broker.start();
        try (TestSubscriber witness = new TestSubscriber("tcp://" + broker.plainAddress(), "durable/#")) {
            next = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
                dataArea);
            next.apply(new SettingsParser("crash-test", "host").parseDefault(Map.of("enable", true,
                "server", broker.plainAddress())));
            await().atMost(Duration.ofSeconds(30)).until(() -> witness.payloads().size() >= MESSAGES);
            List<String> expected = IntStream.range(0, MESSAGES).mapToObj(Integer::toString).toList();
            assertThat(witness.payloads()).containsExactlyElementsOf(expected);
            await().atMost(Duration.ofSeconds(10)).until(() -> next.status().queuedMessages() == 0);
        }
    }
}
