package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * A gateway restarted in the middle of a QoS 2 handshake, with its queue in a file and clean_session=false: the
 * next process finishes the handshake the broker's session is in, with the same packet id.
 */
class RestartMidHandshakeTest {

    private static final byte[] PAYLOAD = "reading".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    @TempDir
    Path dataArea;

    private ScriptedBroker broker;
    private ManagedConnection before;
    private ManagedConnection after;

    @AfterEach
    void tearDown() throws Exception {
        if (after != null) {
            after.close();
        }
        if (before != null) {
            before.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRestartAfterPubrecSendsOnlyThePubrelWithTheSameId() throws Exception {
        // given a broker that answers the first connection's PUBLISH with PUBREC, takes the PUBREL and never
        // completes; on the next connection it resumes the session and completes the PUBREL
        broker = ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            if (client.number() == 1) {
                client.send(new ConnAck(false, 0, Properties.NONE));
                client.send(new PubRec(client.expect(Publish.class).packetId()));
                client.expect(PubRel.class);
            } else {
                client.send(new ConnAck(true, 0, Properties.NONE));
                client.send(new PubComp(client.expect(PubRel.class).packetId()));
            }
        });
        before = open();
        CompletableFuture<Void> sent = before.publish("restart/x", PAYLOAD, 2, false).toCompletableFuture();
        ScriptedConnection first = broker.awaitConnection(1, Duration.ofSeconds(10));
        assertThat(first.finished()).succeedsWithin(Duration.ofSeconds(10));

        // when the gateway stops, and a new one starts on the same data area
        before.close();
        assertThat(sent).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
            .havingRootCause().isInstanceOf(MqttServiceException.class)
            .withMessageContaining("stays in the queue file");
        after = open();

        // then it sends the PUBREL of the first one's packet id, no PUBLISH, and the message leaves the queue
        ScriptedConnection second = broker.awaitConnection(2, Duration.ofSeconds(10));
        assertThat(second.finished()).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> after.status().queuedMessages() == 0);
        int packetId = ((Publish) first.received().get(1)).packetId();
        assertThat(second.received()).hasSize(2).element(1).isEqualTo(new PubRel(packetId));
        assertThat(broker.count(Publish.class)).isEqualTo(1);
    }

    @Test
    void aRestartBeforePubrecSendsThePublishAgainWithDupAndTheSameId() throws Exception {
        // given a broker that leaves the first connection's PUBLISH unanswered; on the next connection it resumes
        // the session and completes the handshake
        broker = ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            if (client.number() == 1) {
                client.send(new ConnAck(false, 0, Properties.NONE));
                client.expect(Publish.class);
            } else {
                client.send(new ConnAck(true, 0, Properties.NONE));
                client.send(new PubRec(client.expect(Publish.class).packetId()));
                client.send(new PubComp(client.expect(PubRel.class).packetId()));
            }
        });
        before = open();
        before.publish("restart/x", PAYLOAD, 2, false);
        ScriptedConnection first = broker.awaitConnection(1, Duration.ofSeconds(10));
        assertThat(first.finished()).succeedsWithin(Duration.ofSeconds(10));

        // when the gateway stops, and a new one starts on the same data area
        before.close();
        after = open();

        // then it sends the PUBLISH again, with DUP and the same packet id, and completes it
        ScriptedConnection second = broker.awaitConnection(2, Duration.ofSeconds(10));
        assertThat(second.finished()).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> after.status().queuedMessages() == 0);
        Publish original = (Publish) first.received().get(1);
        Publish again = (Publish) second.received().get(1);
        assertThat(original.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.packetId()).isEqualTo(original.packetId());
        assertThat(again.payload()).isEqualTo(PAYLOAD);
    }

    /** @return a gateway's connection: the queue in a file of the data area, clean_session=false */
    private ManagedConnection open() {
        ManagedConnection connection = new ManagedConnection("default", new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), dataArea);
        connection.apply(configuration());
        return connection;
    }

    private ParsedConfiguration configuration() {
        return new TestConnections().config(broker, "queue_persistence", "file", "clean_session", false);
    }
}
