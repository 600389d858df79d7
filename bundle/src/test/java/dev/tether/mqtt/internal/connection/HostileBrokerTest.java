package dev.tether.mqtt.internal.connection;

import static dev.tether.mqtt.internal.testbroker.ScriptedBroker.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.management.ThreadMXBean;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * A broken or hostile broker never breaks the gateway: whatever bytes a broker sends after CONNACK, Tether drops
 * that connection with a lastError that names the fault, reconnects with backoff, lets no exception escape, and
 * allocates what arrives, not what is announced.
 */
class HostileBrokerTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MB = 1 << 20;
    private static final ConnAck ACCEPTED = new ConnAck(false, 0, Properties.NONE);
    private static final Duration RECONNECT_MIN = Duration.ofSeconds(1);
    private static final String READER = "tether-default-reader";

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();
    private final RecordingLogger logger = new RecordingLogger();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    static Stream<Arguments> hostileBytes() {
        return Stream.of(
            Arguments.of("a remaining length of 5 bytes", "30 FF FF FF FF 01", false,
                "the broker broke the MQTT protocol: the remaining length of a PUBLISH packet has more than 4 bytes"),
            Arguments.of("a PUBLISH cut short, then the end of the connection", "30 0A 00 03 61 2F 62", true,
                "the connection ended in the middle of a PUBLISH packet of 10 bytes"),
            Arguments.of("a PUBACK with flags 0001", "41 02 00 01", false,
                "the fixed header flags of a PUBACK packet are 0001, not 0000 [MQTT-2.2.2-2]"),
            Arguments.of("CONNECT", "10 0C 00 04 4D 51 54 54 04 02 00 3C 00 00", false,
                "a client never receives CONNECT"),
            Arguments.of("SUBSCRIBE", "82 06 00 01 00 01 61 00", false, "a client never receives SUBSCRIBE"),
            Arguments.of("PINGREQ", "C0 00", false, "a client never receives PINGREQ"),
            Arguments.of("the reserved packet type 15", "F0 00", false, "packet type 15 is reserved in MQTT 3.1.1"),
            Arguments.of("a topic with the byte FF", "30 06 00 03 61 FF 62 78", false,
                "the topic name is not well-formed UTF-8 (byte 0xff at 1)"),
            Arguments.of("a topic with a UTF-8 encoded surrogate", "30 08 00 05 61 ED A0 80 62 78", false,
                "the topic name is not well-formed UTF-8 (byte 0xed at 1)"),
            Arguments.of("a SUBACK for a packet id never used", "90 03 10 92 00", false,
                "SUBACK for packet id 4242, which is no SUBSCRIBE in flight"),
            Arguments.of("a PUBACK for a packet id never used", "40 02 10 92", false,
                "PUBACK for packet id 4242, which is no message in flight"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBytes")
    void hostileBytesDropTheConnectionWhichComesBackAfterTheBackoff(String what, String bytes, boolean thenClose,
            String named) throws Exception {
        // given a broker that accepts the first connection, then sends the bytes (and closes, for a truncation)
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
            if (client.number() == 1) {
                client.sendRaw(hex(bytes));
                if (thenClose) {
                    client.close();
                }
            }
        }));

        // when Tether connects
        ManagedConnection connection = connect(broker);

        // then it drops that connection itself, saying why, and connects again only after the backoff
        assertDroppedAndMadeAgain(broker, connection, "connection to tcp://" + broker.address() + " lost: ", named);
    }

    static Stream<Arguments> hostileConnAcks() {
        return Stream.of(
            Arguments.of("a remaining length of 5 bytes", "20 FF FF FF FF 01", false,
                "the broker broke the MQTT protocol: the remaining length of a CONNACK packet has more than 4 bytes"),
            Arguments.of("a CONNACK cut short, then the end of the connection", "20 02 00", true,
                "the connection ended in the middle of a CONNACK packet of 2 bytes"),
            Arguments.of("a PUBLISH before CONNACK", "30 05 00 03 61 2F 62", false,
                "the broker sent PUBLISH before CONNACK [MQTT-3.2.0-1]"),
            Arguments.of("a CONNACK with a reserved flag set", "20 02 02 00", false,
                "the reserved bits of the CONNACK flags are set (0x2)"),
            Arguments.of("a CONNACK of 3 bytes", "20 03 00 00 00", false,
                "a CONNACK packet of 3 bytes after the fixed header; it has 2"),
            Arguments.of("a CONNACK return code 6", "20 02 00 06", false,
                "the CONNACK return code 6 is not one of MQTT 3.1.1's (0 to 5)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileConnAcks")
    void hostileBytesInsteadOfConnAckFailTheAttemptWhichIsRetriedAfterTheBackoff(String what, String bytes,
            boolean thenClose, String named) throws Exception {
        // given a broker that answers the first CONNECT with the bytes (and closes, for a truncation)
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            if (client.number() == 1) {
                client.sendRaw(hex(bytes));
                if (thenClose) {
                    client.close();
                }
            } else {
                client.send(ACCEPTED);
            }
        }));

        // when Tether connects
        ManagedConnection connection = connect(broker);

        // then it gives the attempt up, saying why, and tries again only after the backoff
        assertDroppedAndMadeAgain(broker, connection, "connect to tcp://" + broker.address() + " failed: ", named);
    }

    private void assertDroppedAndMadeAgain(ScriptedBroker broker, ManagedConnection connection, String prefix,
            String named) throws InterruptedException {
        ScriptedConnection second = broker.awaitConnection(2, Duration.ofSeconds(10));
        ScriptedConnection first = broker.connection(1);
        assertThat(first.ended()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(second.acceptedAtNanos() - first.lastSentAtNanos()))
            .isGreaterThanOrEqualTo(RECONNECT_MIN);
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString().startsWith(prefix).contains(named);
        assertNothingUnexpected();
    }

    @ParameterizedTest(name = "then the broker {0}")
    @ValueSource(strings = {"goes silent", "closes"})
    void aPublishAnnouncing256MbAllocatesWhatArrivesNotWhatIsAnnounced(String then) throws Exception {
        // given a broker that announces a PUBLISH of 268,435,455 bytes, sends 16 KB of it, then waits for the test
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
            "this JVM does not count the bytes a thread allocates");
        CountDownLatch measured = new CountDownLatch(1);
        boolean closes = then.equals("closes");
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
            if (client.number() == 1) {
                client.sendRaw(hex("30 FF FF FF 7F 00 03 61 2F 62"));
                client.sendPadding(16 * 1024);
                assertThat(measured.await(10, TimeUnit.SECONDS)).isTrue();
                if (closes) {
                    client.close();
                }
            }
        }));

        // when Tether reads it (keep_alive 2 s: a broker silent in the middle of a packet is gone after 3 s)
        ManagedConnection connection = connect(broker, "keep_alive", 2);

        // then its reader, waiting for the rest of the payload, has allocated a few MB at most
        Thread reader = await().atMost(Duration.ofSeconds(10)).until(() -> readerIn("readBytes"),
            found -> found != null);
        long allocated = THREADS.getThreadAllocatedBytes(reader.getId());
        measured.countDown();
        assertThat(allocated).as("bytes the reader allocated").isPositive().isLessThan(8 * MB);

        // and the connection is dropped, saying why, and made again
        broker.awaitConnection(2, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString().contains(closes
            ? "the connection ended in the middle of a PUBLISH packet of 268435455 bytes"
            : "no answer from the broker for 3.0 s (keep_alive 2 s)");
        assertNothingUnexpected();
    }

    @Test
    void aPublishLargerThanRecvMbufLimitIsSkippedAndAcknowledgedAndTheConnectionStays() throws Exception {
        // given a subscriber, recv_mbuf_limit 1 KB, and a broker that sends a 16 MB QoS 1 message, then a small one
        int payload = 16 * (int) MB;
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(ACCEPTED);
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(1), Properties.NONE));
            client.sendRaw(publishHeader("big/huge", 1, 9, payload));
            client.sendPadding(payload);
            assertThat(client.expect(PubAck.class).packetId()).isEqualTo(9);
            client.send(new Publish("big/small", "after".getBytes(StandardCharsets.UTF_8), 1, false, false, 10,
                Properties.NONE));
            assertThat(client.expect(PubAck.class).packetId()).isEqualTo(10);
        }));
        List<String> delivered = new CopyOnWriteArrayList<>();
        ManagedConnection connection = connect(broker, "recv_mbuf_limit", 1024);
        connection.subscribe(List.of("big/#"), 1, message -> delivered.add(message.topic()));

        // when both have arrived and been acknowledged
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.count(PubAck.class) == 2);

        // then only the small one reached the listener, the large one was never held, the connection stays up
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        assertThat(delivered).containsExactly("big/small");
        if (THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled()) {
            Thread reader = readerIn("run");
            assertThat(THREADS.getThreadAllocatedBytes(reader.getId())).as("bytes the reader allocated")
                .isLessThan(8 * MB);
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
            .until(() -> connection.state() == ConnectionState.CONNECTED && broker.connectionsAccepted() == 1);
        assertThat(logger.lines()).anyMatch(line -> line.contains("dropped a {}-byte message")
            && line.contains(Integer.toString(payload)));
        assertNothingUnexpected();
    }

    private ManagedConnection connect(ScriptedBroker broker, Object... keyValues) {
        return connections.open(null, connections.config(broker, keyValues), logger);
    }

    private void assertNothingUnexpected() {
        assertThat(logger.lines()).noneMatch(line -> line.contains("unexpected failure"));
        assertThat(uncaught.seen()).isEmpty();
    }

    /** @return the newest live reader thread of the connection whose stack has a frame of this method, or null */
    private static Thread readerIn(String method) {
        return Thread.getAllStackTraces().entrySet().stream()
            .filter(entry -> entry.getKey().getName().equals(READER) && entry.getKey().isAlive())
            .filter(entry -> Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName().equals(method)))
            .map(java.util.Map.Entry::getKey)
            .max(Comparator.comparingLong(Thread::getId))
            .orElse(null);
    }

    /** @return the fixed and variable header of a PUBLISH whose payload of {@code payload} bytes follows */
    private static byte[] publishHeader(String topic, int qos, int packetId, int payload) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + name.length + (qos > 0 ? 2 : 0) + payload;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0x30 | qos << 1);
        do {
            int digit = remaining & 0x7F;
            remaining >>>= 7;
            header.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        header.write(name.length >> 8);
        header.write(name.length);
        header.writeBytes(name);
        if (qos > 0) {
            header.write(packetId >> 8);
            header.write(packetId);
        }
        return header.toByteArray();
    }
}
