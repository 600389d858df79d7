package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/**
 * clean_session=false: a message interrupted by the loss of the connection goes again on the next one, as the same
 * message (same packet id, DUP, or only its PUBREL) when the broker resumed the session [MQTT-4.4.0-1], as a new
 * one when it did not.
 */
class SessionResumeTest {

    private static final byte[] PAYLOAD = "reading".getBytes(StandardCharsets.UTF_8);
    private static final Duration COMPLETES = Duration.ofSeconds(10);

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void aQos1MessageGoesAgainWithDupAndTheSameIdWhenTheSessionIsResumed() throws Exception {
        // given a broker that closes the first connection on the PUBLISH, and resumes the session on the second
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            assertThat(client.expect(Connect.class).cleanSession()).isFalse();
            client.send(new ConnAck(client.number() > 1, 0, Properties.NONE));
            Publish publish = client.expect(Publish.class);
            if (client.number() == 1) {
                client.close();
            } else {
                client.send(new PubAck(publish.packetId()));
            }
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "clean_session", false));

        // when a QoS 1 message is published
        CompletableFuture<Void> sent = connection.publish("resume/x", PAYLOAD, 1, false).toCompletableFuture();

        // then the second connection carries it with DUP and the first one's packet id, and the broker's PUBACK
        // completes it
        assertThat(sent).succeedsWithin(COMPLETES);
        Publish first = only(broker.connection(1), Publish.class);
        Publish again = only(broker.connection(2), Publish.class);
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.packetId()).isEqualTo(first.packetId());
        assertThat(again.qos()).isEqualTo(1);
        assertThat(again.payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void aQos2MessageTheBrokerHasGoesAgainAsItsPubrelOnlyWhenTheSessionIsResumed() throws Exception {
        // given a broker that receives the PUBLISH and the PUBREL, and closes before PUBCOMP; then resumes
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            if (client.number() == 1) {
                client.send(new ConnAck(false, 0, Properties.NONE));
                Publish publish = client.expect(Publish.class);
                client.send(new PubRec(publish.packetId()));
                client.expect(PubRel.class);
                client.close();
            } else {
                client.send(new ConnAck(true, 0, Properties.NONE));
                client.send(new PubComp(client.expect(PubRel.class).packetId()));
            }
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "clean_session", false));

        // when a QoS 2 message is published
        CompletableFuture<Void> sent = connection.publish("resume/x", PAYLOAD, 2, false).toCompletableFuture();

        // then the second connection sends only PUBREL with the message's id, and PUBCOMP completes it
        assertThat(sent).succeedsWithin(COMPLETES);
        int packetId = only(broker.connection(1), Publish.class).packetId();
        assertThat(broker.connection(2).received()).hasSize(2).element(1).isEqualTo(new PubRel(packetId));
        assertThat(broker.count(Publish.class)).isEqualTo(1);
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {1, 2})
    void aMessageGoesAgainAsANewPublishWhenTheBrokerHasNoSession(int qos) throws Exception {
        // given a broker that closes the first connection once it has the message (for QoS 2: PUBREC sent,
        // PUBREL received), and has no session on the second
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            Publish publish = client.expect(Publish.class);
            if (qos == 2) {
                client.send(new PubRec(publish.packetId()));
                client.expect(PubRel.class);
            }
            if (client.number() == 1) {
                client.close();
            } else if (qos == 1) {
                client.send(new PubAck(publish.packetId()));
            } else {
                client.send(new PubComp(publish.packetId()));
            }
        }));
        ManagedConnection connection = connections.open(null, connections.config(broker, "clean_session", false));

        // when a message is published
        CompletableFuture<Void> sent = connection.publish("resume/x", PAYLOAD, qos, false).toCompletableFuture();

        // then the second connection sends it as a new PUBLISH, without DUP, and it completes
        assertThat(sent).succeedsWithin(COMPLETES);
        Publish again = only(broker.connection(2), Publish.class);
        assertThat(again.duplicate()).isFalse();
        assertThat(again.qos()).isEqualTo(qos);
        assertThat(again.payload()).isEqualTo(PAYLOAD);
    }

    /** @return the one packet of this type the connection received; fails if there were none or more */
    private static <T extends Packet> T only(ScriptedConnection connection, Class<T> type) {
        List<T> found = connection.received().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("the %s packets of connection %d", type.getSimpleName(), connection.number())
            .hasSize(1);
        return found.get(0);
    }
}
