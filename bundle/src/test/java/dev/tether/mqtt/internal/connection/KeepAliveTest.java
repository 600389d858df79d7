package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketBuffer;
import dev.tether.mqtt.internal.codec.PacketEncoder;
import dev.tether.mqtt.internal.codec.PingReq;
import dev.tether.mqtt.internal.codec.PingResp;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** keep_alive: an idle connection pings, and a broker that stops answering is declared lost in time. */
class KeepAliveTest {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofMillis(500);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void anIdleConnectionPingsEveryKeepAlive() throws Exception {
        // given a broker that answers pings and sends nothing else
        List<Long> pingedAt = new CopyOnWriteArrayList<>();
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            assertThat(client.expect(Connect.class).keepAliveSeconds()).isEqualTo(1);
            client.send(new ConnAck(false, 0, Properties.NONE));
            pingedAt.add(System.nanoTime());
            for (int i = 0; i < 3; i++) {
                client.expect(PingReq.class);
                pingedAt.add(System.nanoTime());
                client.send(PingResp.INSTANCE);
            }
        }));

        // when an idle connection with keep_alive 1 s runs for three of them
        connections.open(null, connections.config(broker, "keep_alive", KEEP_ALIVE.toSeconds()));

        // then a PINGREQ came about every second, the first a second after CONNACK
        assertThat(broker.awaitConnection(1, Duration.ofSeconds(10)).finished()).succeedsWithin(Duration.ofSeconds(10));
        List<Duration> intervals = new ArrayList<>();
        for (int i = 1; i < pingedAt.size(); i++) {
            intervals.add(Duration.ofNanos(pingedAt.get(i) - pingedAt.get(i - 1)));
        }
        assertThat(intervals).hasSize(3).allSatisfy(interval -> assertThat(interval)
            .isBetween(KEEP_ALIVE.minusMillis(100), KEEP_ALIVE.plus(MARGIN)));
    }

    @Test
    void aMessageArrivingSlowerThanKeepAliveIsNotMistakenForASilentBroker() throws Exception {
        // given a broker that sends a 3,000-byte message 100 bytes every 100 ms (3 s, keep_alive 1 s), answers the
        // PINGREQs that waited meanwhile, and expects the PUBACK
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(1), Properties.NONE));
            byte[] publish = encode(new Publish("slow/x", new byte[3000], 1, false, false, 5, Properties.NONE));
            for (int offset = 0; offset < publish.length; offset += 100) {
                client.sendRaw(Arrays.copyOfRange(publish, offset, Math.min(publish.length, offset + 100)));
                // pacing a slow network, not waiting for anything
                TimeUnit.MILLISECONDS.sleep(100);
            }
            Packet next = client.next();
            while (next instanceof PingReq) {
                client.send(PingResp.INSTANCE);
                next = client.next();
            }
            assertThat(next).isEqualTo(new PubAck(5));
        }));
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        ManagedConnection connection = connections.open(null, connections.config(broker, "keep_alive",
            KEEP_ALIVE.toSeconds()));

        // when the message is subscribed to and arrives
        connection.subscribe(List.of("slow/#"), 1, message -> delivered.add(message.payload().length));

        // then it arrives whole on the first connection, and the broker got its PUBACK
        assertThat(broker.awaitConnection(1, Duration.ofSeconds(10)).finished())
            .succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        assertThat(delivered).containsExactly(3000);
        assertThat(broker.connectionsAccepted()).isEqualTo(1);
        assertThat(connection.status().lastError()).isEmpty();
    }

    @Test
    void aBrokerThatStopsAnsweringIsDeclaredLostWithinOneAndAHalfKeepAlives() throws Exception {
        // given a broker that answers one PINGREQ, then nothing more, and keeps the connection open
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            if (client.number() == 1) {
                client.expect(PingReq.class);
                client.send(PingResp.INSTANCE);
                client.stall();
            } else {
                client.answerPings();
            }
        }));

        // when Tether runs with keep_alive 1 s
        ManagedConnection connection = connections.open(null, connections.config(broker, "keep_alive",
            KEEP_ALIVE.toSeconds()));

        // then it drops the connection 1.5 s (and a scheduling margin) after the broker last said anything, says
        // why, and connects again
        ScriptedConnection first = broker.awaitConnection(1, Duration.ofSeconds(10));
        assertThat(first.ended()).succeedsWithin(Duration.ofSeconds(10));
        Duration silent = Duration.ofNanos(first.endedAtNanos() - first.lastSentAtNanos());
        assertThat(silent).isBetween(KEEP_ALIVE.multipliedBy(3).dividedBy(2), KEEP_ALIVE.multipliedBy(3)
            .dividedBy(2).plus(MARGIN));
        assertThat(first.received()).filteredOn(PingReq.class::isInstance).hasSize(2);
        broker.awaitConnection(2, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(connection::state, ConnectionState.CONNECTED::equals);
        assertThat(connection.status().lastError()).get().asString()
            .contains("no answer from the broker for 1.5 s (keep_alive 1 s)");
    }

    private static byte[] encode(Packet packet) {
        PacketBuffer buffer = new PacketBuffer(64);
        new PacketEncoder().encode(packet, buffer);
        return buffer.toByteArray();
    }
}
