package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;
import dev.tether.mqtt.internal.testbroker.UncaughtExceptions;

/** A QoS 2 message from the broker reaches the listener once, however often the broker sends it before PUBREL. */
class InboundExactlyOnceTest {

    private static final int PACKET_ID = 7;

    @RegisterExtension
    final UncaughtExceptions uncaught = new UncaughtExceptions();

    private final TestConnections connections = new TestConnections();

    @AfterEach
    void tearDown() throws Exception {
        connections.close();
    }

    @Test
    void aQos2MessageSentAgainBeforePubrelIsDeliveredOnceAndItsIdIsFreeAfterPubrel() throws Exception {
        // given a broker that sends a QoS 2 message, sends it again with DUP before releasing it, releases it,
        // then sends a new message with the same packet id
        ScriptedBroker broker = connections.closeAfter(ScriptedBroker.start(client -> {
            client.expect(Connect.class);
            client.send(new ConnAck(false, 0, Properties.NONE));
            Subscribe subscribe = client.expect(Subscribe.class);
            client.send(new SubAck(subscribe.packetId(), List.of(2), Properties.NONE));
            client.send(message("one", false));
            assertThat(client.expect(PubRec.class).packetId()).isEqualTo(PACKET_ID);
            client.send(message("one", true));
            assertThat(client.expect(PubRec.class).packetId()).isEqualTo(PACKET_ID);
            client.send(new PubRel(PACKET_ID));
            assertThat(client.expect(PubComp.class).packetId()).isEqualTo(PACKET_ID);
            client.send(message("two", false));
            assertThat(client.expect(PubRec.class).packetId()).isEqualTo(PACKET_ID);
        }));
        List<String> delivered = new CopyOnWriteArrayList<>();

        // when Tether subscribes and the broker plays its part
        ManagedConnection connection = connections.open(null, connections.config(broker));
        connection.subscribe(List.of("once/#"), 2, message -> delivered.add(message.payloadAsString()));

        // then the client answered every packet as the script expects, and the listener got each message once
        ScriptedConnection client = broker.awaitConnection(1, Duration.ofSeconds(10));
        assertThat(client.finished()).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() >= 2);
        assertThat(delivered).containsExactly("one", "two");
    }

    private static Publish message(String payload, boolean duplicate) {
        return new Publish("once/x", payload.getBytes(StandardCharsets.UTF_8), 2, false, duplicate, PACKET_ID,
            Properties.NONE);
    }
}
