package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Connect;
import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PingReq;
import dev.tether.mqtt.internal.codec.PingResp;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.codec.UnsubAck;
import dev.tether.mqtt.internal.codec.Unsubscribe;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;
import dev.tether.mqtt.internal.testbroker.ScriptedConnection;

/**
 * What the MQTT 5 scripted tests share: CONNACKs, a broker that answers whatever it is sent as a well-behaved MQTT 5
 * broker does, and the configuration of an MQTT 5 connection to a scripted broker.
 */
final class Mqtt5Scripts {

    /** An MQTT 5 CONNACK that accepts and sets nothing: 20 03 00 00 00. */
    static final ConnAck ACCEPTED = new ConnAck(false, 0, Properties.NONE);

    private Mqtt5Scripts() {
    }

    /** @return an accepting CONNACK with these properties */
    static ConnAck accepted(Properties properties) {
        return new ConnAck(false, 0, properties);
    }

    /** @return the configuration of an MQTT 5 connection to the broker (retrying after 1 to 2 s), the keys on top */
    static ParsedConfiguration mqtt5(TestConnections connections, ScriptedBroker broker, Object... keyValues) {
        Object[] all = new Object[keyValues.length + 2];
        all[0] = "protocol_version";
        all[1] = "5";
        System.arraycopy(keyValues, 0, all, 2, keyValues.length);
        return connections.config(broker, all);
    }

    /** Expects an MQTT 5 CONNECT, which it returns, and accepts it with the properties. */
    static Connect accept(ScriptedConnection client, Properties connAckProperties) throws IOException {
        Connect connect = client.expect(Connect.class);
        assertThat(connect.protocolLevel()).as("the protocol level of the CONNECT").isEqualTo(Connect.MQTT_5);
        client.send(accepted(connAckProperties));
        return connect;
    }

    /**
     * Answers as a well-behaved broker until the connection ends: PUBACK, PUBREC and PUBCOMP with success, SUBACK
     * granting the QoS asked for, UNSUBACK, PINGRESP.
     */
    static void serve(ScriptedConnection client) throws IOException {
        client.respond(packet -> {
            Packet answer = answer(packet);
            if (answer != null) {
                client.send(answer);
            }
        });
    }

    /** @return a well-behaved broker's answer to the packet, or null for none */
    static Packet answer(Packet packet) {
        if (packet instanceof Publish publish) {
            return switch (publish.qos()) {
                case 1 -> new PubAck(publish.packetId());
                case 2 -> new PubRec(publish.packetId());
                default -> null;
            };
        }
        if (packet instanceof PubRel release) {
            return new PubComp(release.packetId());
        }
        if (packet instanceof Subscribe subscribe) {
            return new SubAck(subscribe.packetId(), subscribe.subscriptions().stream()
                .map(Subscribe.Subscription::qos).toList(), Properties.NONE);
        }
        if (packet instanceof Unsubscribe unsubscribe) {
            return new UnsubAck(unsubscribe.packetId(), unsubscribe.filters().stream().map(filter -> 0).toList(),
                Properties.NONE);
        }
        return packet instanceof PingReq ? PingResp.INSTANCE : null;
    }

    /**
     * @return null when the client sends nothing for {@code quiet}; else what it sent (a test that expects silence
     *     fails with it)
     */
    static Packet silenceFor(ScriptedConnection client, Duration quiet) throws IOException {
        try {
            return client.next(quiet);
        } catch (AssertionError timedOut) {
            if (timedOut.getCause() instanceof SocketTimeoutException) {
                return null;
            }
            throw timedOut;
        }
    }

    /** @return the PUBLISH packets the connection received, in order */
    static List<Publish> publishes(ScriptedConnection client) {
        return client.received().stream().filter(Publish.class::isInstance).map(Publish.class::cast).toList();
    }

    /** @return the DISCONNECT packets the connection received, in order */
    static List<Disconnect> disconnects(ScriptedConnection client) {
        return client.received().stream().filter(Disconnect.class::isInstance).map(Disconnect.class::cast).toList();
    }

    /** @return the packets' types, in order, for messages: "CONNECT, PUBLISH, DISCONNECT" */
    static String types(List<Packet> packets) {
        return packets.stream().map(packet -> packet.type().toString()).collect(Collectors.joining(", "));
    }
}
