package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/**
 * kill -9 at random points of a QoS 1 stream, 20 times over on the same queue file: no accepted message is lost,
 * and the only extra deliveries are the duplicates QoS 1 allows.
 */
class KillDuringStreamTest {

    private static final int ROUNDS = 20;
    /** Set {@code -Dkill.seed=...} to replay the kill points of a failed run; its seed is printed. */
    private static final long SEED = Long.getLong("kill.seed", System.nanoTime());

    @TempDir
    Path work;

    private MosquittoProcess mosquitto;
    private TestSubscriber witness;
    private Process child;
    private ManagedConnection last;

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (last != null) {
            last.close();
        }
        if (witness != null) {
            witness.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** Where in a child's life the kill lands. */
    private enum KillPoint {
        /** 50-400 ms into the stream of new messages: the usual case, many messages in flight and being written. */
        STREAMING,
        /** Right after connecting: while the messages left by the last kill are sent again. */
        CONNECTED,
        /**
         * 0-1,000 ms after the start, wherever the child is then: starting the JVM, opening and reading the queue
         * file, connecting, or already streaming.
         */
        STARTING
    }

    /** What one child did: the numbers it reported accepted, and the one it may have published without saying so. */
    private record Round(KillPoint killPoint, long first, List<Long> accepted) {

        /** Publish of this number may have returned, and the kill came before ACCEPTED was printed. */
        long unreported() {
            return accepted.isEmpty() ? first : accepted.get(accepted.size() - 1) + 1;
        }
    }

    @Test
    void noAcceptedMessageIsLostWhenThePublisherIsKilledAgainAndAgain() throws Exception {
        // given Mosquitto (it passes bursts on whole, unlike Moquette 0.17, and with max_queued_messages 0 queues
        // without limit for a slow subscriber), and a witness subscribed before the first message; its session is
        // persistent, so even a reconnect of the witness would not lose a message
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        System.out.println("[kill] seed " + SEED + " (-Dkill.seed=" + SEED + " replays these kill points)");
        Random random = new Random(SEED);
        mosquitto = MosquittoProcess.builder(work.resolve("mosquitto")).listener("plain", Listener.plain())
            .option("max_inflight_messages", "1000").option("max_queued_messages", "0").start();
        String server = "127.0.0.1:" + mosquitto.port("plain");
        witness = new TestSubscriber("tcp://" + server, StreamingPublisher.TOPIC, "kill-witness");
        Path dataArea = work.resolve("data");
        long start = System.nanoTime();

        // when 20 publishers in turn, all on the same data area, stream QoS 1 messages and are killed (SIGKILL)
        // at a random point; each goes on from the last number the one before may have used
        List<Round> rounds = new ArrayList<>();
        long next = 0;
        for (int r = 0; r < ROUNDS; r++) {
            // mostly mid-stream; a fixed share of the other points, whatever the seed
            KillPoint killPoint = switch (r % 5) {
                case 1 -> KillPoint.CONNECTED;
                case 3 -> KillPoint.STARTING;
                default -> KillPoint.STREAMING;
            };
            Round round = streamAndKill(dataArea, server, next, killPoint, random);
            rounds.add(round);
            next = round.unreported() + 1;
        }

        // then a connection started on that data area sends what the queue file still holds
        last = new ManagedConnection("default", new RecordingLogger().logger(), ClockCheck.system(Instant.EPOCH),
            dataArea);
        last.apply(config(server));
        Set<Long> accepted = rounds.stream().flatMap(round -> round.accepted().stream())
            .collect(Collectors.toCollection(HashSet::new));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> new HashSet<>(received()).containsAll(accepted) && last.status().queuedMessages() == 0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // and every accepted message arrived at the witness
        List<Long> received = received();
        Set<Long> distinct = new LinkedHashSet<>(received);
        assertThat(accepted.stream().filter(n -> !distinct.contains(n)).sorted().toList())
            .as("accepted, never received (seed %d)", SEED).isEmpty();
        // and nothing arrived that was not published: the unreported numbers may arrive or not
        Set<Long> unreported = rounds.stream().map(Round::unreported).collect(Collectors.toSet());
        assertThat(distinct.stream().filter(n -> !accepted.contains(n) && !unreported.contains(n)).toList())
            .as("received, never published (seed %d)", SEED).isEmpty();
        // and each publisher's messages arrived first in the order it published them; duplicates are resends of
        // messages the broker had but whose PUBACK the killed process had not written down
        for (Round round : rounds) {
            List<Long> firstArrivals = distinct.stream()
                .filter(n -> n >= round.first() && n <= round.unreported()).toList();
            assertThat(firstArrivals).as("first arrivals of the round from %d (seed %d)", round.first(), SEED)
                .isSorted();
        }
        assertThat(last.status().queuedMessages()).isZero();

        System.out.printf("[kill] %d rounds (%s), seed %d: %d accepted, %d received, %d duplicates, %d of %d"
            + " unreported arrived, %.1f s%n", ROUNDS, describe(rounds), SEED, accepted.size(), received.size(),
            received.size() - distinct.size(), unreported.stream().filter(distinct::contains).count(),
            unreported.size(), took.toMillis() / 1000.0);
    }

    /**
     * Starts a child publisher, kills it at the given point, and returns once it is gone and all it printed is read.
     */
    private Round streamAndKill(Path dataArea, String server, long first, KillPoint killPoint, Random random)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a short-lived child on 2 shared cores: C1 only and the serial collector start faster and leave more CPU
        // to the broker and the witness
        child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), StreamingPublisher.class.getName(),
            dataArea.toString(), server, Long.toString(first))
            .redirectErrorStream(true).start();
        ChildOutput output = new ChildOutput(child.getInputStream());
        switch (killPoint) {
            case STREAMING -> {
                output.firstAccepted.get(30, TimeUnit.SECONDS);
                // not synchronisation: this only chooses where in the stream the kill lands
                Thread.sleep(50 + random.nextInt(351));
            }
            case CONNECTED -> {
                output.connected.get(30, TimeUnit.SECONDS);
                Thread.sleep(random.nextInt(20));
            }
            case STARTING -> Thread.sleep(random.nextInt(1001));
        }
        // a child that ended by itself failed (its output shows why), and a kill would prove nothing
        assertThat(child.isAlive()).as("child publisher running when killed").isTrue();
        // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe, and the last
        // ACCEPTED lines the child wrote would be lost to the test
        assertThat(child.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("killed child ended").isTrue();
        // the pipe keeps what the child wrote before it died: read up to its end
        output.ended.get(10, TimeUnit.SECONDS);
        child = null;
        if (killPoint == KillPoint.STREAMING) {
            assertThat(output.accepted).as("messages accepted before a kill mid-stream").isNotEmpty();
        }
        // one number after the other: also shows that the kill cut no line short (a line is one write to the pipe,
        // and such writes are atomic)
        assertThat(output.accepted).as("numbers accepted from %d on", first)
            .containsExactlyElementsOf(LongStream.range(first, first + output.accepted.size()).boxed().toList());
        return new Round(killPoint, first, List.copyOf(output.accepted));
    }

    private List<Long> received() {
        return witness.payloads().stream().map(Long::valueOf).toList();
    }

    private static ParsedConfiguration config(String server) {
        return new SettingsParser("crash-test", "host").parseDefault(Map.of("enable", true, "server", server,
            "reconnect_timeout_min", 1, "reconnect_timeout_max", 1));
    }

    private static String describe(List<Round> rounds) {
        return rounds.stream().collect(Collectors.groupingBy(Round::killPoint, Collectors.counting())).entrySet()
            .stream().map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase())
            .collect(Collectors.joining(", "));
    }

    /** Reads a child's output on a thread of its own; lines that are not part of the protocol are shown as they are. */
    private static final class ChildOutput {

        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<Void> firstAccepted = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        /** Written by the reader thread only; read after {@link #ended}. */
        final List<Long> accepted = new ArrayList<>();

        ChildOutput(InputStream stream) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith(StreamingPublisher.ACCEPTED)) {
                            accepted.add(Long.valueOf(line.substring(StreamingPublisher.ACCEPTED.length())));
                            firstAccepted.complete(null);
                        } else if (line.equals(StreamingPublisher.CONNECTED)) {
                            connected.complete(null);
                        } else {
                            System.out.println("[kill child] " + line);
                        }
                    }
                    ended.complete(null);
                } catch (IOException | RuntimeException e) {
                    ended.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
                } finally {
                    // a child that died before it got there must not leave the test waiting for nothing
                    connected.complete(null);
                    firstAccepted.complete(null);
                }
            }, "kill-child-output");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
