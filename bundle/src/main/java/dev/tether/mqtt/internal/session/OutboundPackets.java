package dev.tether.mqtt.internal.session;

import java.util.List;

import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.PublishSizes;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.codec.Unsubscribe;

/**
 * What the client sends on one network connection (MQTT 3.1.1, 4.3 and 4.4; MQTT 5.0, 4.3, 4.4 and 4.9): messages
 * with their packet ids, taken again from a resumed session, and subscriptions, within what the broker's CONNACK
 * allows (its Maximum QoS, Maximum Packet Size, Retain Available and Topic Alias Maximum). Each packet id stands for
 * what it was sent for until the answer releases it. Thread safe: called by publishers and the connection's state
 * machine.
 */
final class OutboundPackets {

    /**
     * QoS 0 messages waiting to be written at most, as many as QoS 1/2 messages may be in flight: beyond, the network
     * is slower than the publisher, and QoS 0 is not queued for later.
     */
    static final int MAX_UNWRITTEN_MESSAGES = 1000;
    /**
     * Bytes waiting to be written beyond which a QoS 0 message is refused. One message larger than this still goes
     * when nothing waits.
     */
    static final int MAX_UNWRITTEN_BYTES = 32 << 20;

    private final PacketIds ids;
    private final SessionState state;
    private final SessionHandler handler;
    private volatile BrokerTerms terms = BrokerTerms.MQTT_3_1_1;

    OutboundPackets(PacketIds ids, SessionState state, SessionHandler handler) {
        this.ids = ids;
        this.state = state;
        this.handler = handler;
    }

    /** The broker's CONNACK decided the terms of the session; set before anything is published on the link. */
    void sessionStarted(BrokerTerms agreed, Outbox out) {
        terms = agreed;
        out.useTopicAliases(new TopicAliases(agreed.topicAliasMaximum()));
    }

    /** @see SessionLink#publish */
    void publish(Outbox out, SessionMessage message, int attempt) throws LinkClosedException,
            PublishRefusedException {
        BrokerTerms now = terms;
        // a broker's Maximum QoS lowers the QoS as max_qos does [MQTT-3.2.2-11]; the message completes all the same
        int qos = Math.min(message.qos(), now.maximumQos());
        Properties properties = now.mqtt5() ? message.properties() : Properties.NONE;
        check(now, message, qos, properties);
        if (qos == 0) {
            if (out.unwrittenCompletions() >= MAX_UNWRITTEN_MESSAGES || out.unwrittenBytes() >= MAX_UNWRITTEN_BYTES) {
                throw new IllegalStateException(out.unwrittenCompletions() + " QoS 0 messages (" + out.unwrittenBytes()
                    + " bytes) are still waiting to be written: the network is slower than the publisher");
            }
            Publish publish = new Publish(message.topic(), message.payload(), 0, message.retain(), false, 0,
                properties);
            if (!out.send(publish, () -> handler.delivered(message, attempt))) {
                throw new LinkClosedException();
            }
            return;
        }
        InFlightMessage inFlight = new InFlightMessage(message, attempt, qos);
        long epoch = state.epoch();
        boolean again = message.packetId() != 0 && message.sessionEpoch() == epoch;
        int packetId;
        if (again) {
            packetId = message.packetId();
            ids.claim(packetId, inFlight);
        } else {
            message.resetSessionState();
            packetId = ids.allocate(inFlight);
            message.assignPacketId(packetId, epoch);
            if (qos == 2) {
                handler.packetIdAssigned(message);
            }
        }
        Packet packet = again && message.released() ? new PubRel(packetId)
            : new Publish(message.topic(), message.payload(), qos, message.retain(), again, packetId, properties);
        send(out, packet, packetId);
    }

    /** Refuses what the broker said it does not take, before a packet id is taken or a byte is written. */
    private static void check(BrokerTerms now, SessionMessage message, int qos, Properties properties)
            throws PublishRefusedException {
        if (message.retain() && !now.retainAvailable()) {
            throw PublishRefusedException.retainNotAvailable(message.topic());
        }
        if (now.maximumPacketSize() < BrokerTerms.PROTOCOL_MAXIMUM_PACKET_SIZE) {
            // measured with the whole topic: an alias may shorten it, but whether one is free is not known yet
            long size = PublishSizes.packetSize(now.version(), message.topic(), message.payload().length, qos,
                properties);
            if (size > now.maximumPacketSize()) {
                throw PublishRefusedException.tooLarge(message.topic(), size, now.maximumPacketSize());
            }
        }
    }

    /** @see SessionLink#reserve */
    void reserve(List<? extends SessionMessage> pending) {
        long epoch = state.epoch();
        for (SessionMessage message : pending) {
            if (message.packetId() != 0 && message.sessionEpoch() == epoch) {
                ids.claim(message.packetId(), InboundPackets.RESERVED);
            }
        }
    }

    /** @see SessionLink#subscribe */
    void subscribe(Outbox out, Subscribe.Subscription subscription, int subscriptionIdentifier,
            SessionLink.SubscribeAnswer answered) throws LinkClosedException {
        int packetId = ids.allocate(new InboundPackets.SubscribeRequest(answered));
        BrokerTerms now = terms;
        Properties properties = now.mqtt5() && subscriptionIdentifier > 0 && now.subscriptionIdentifiersAvailable()
            ? Properties.builder().subscriptionIdentifier(subscriptionIdentifier).build() : Properties.NONE;
        send(out, new Subscribe(packetId, List.of(subscription), properties), packetId);
    }

    /** @see SessionLink#unsubscribe */
    void unsubscribe(Outbox out, String filter, Runnable answered) throws LinkClosedException {
        int packetId = ids.allocate(new InboundPackets.UnsubscribeRequest(answered));
        send(out, new Unsubscribe(packetId, List.of(filter), Properties.NONE), packetId);
    }

    /** Sends a packet that holds a packet id, which is free again if the packet cannot go. */
    private void send(Outbox out, Packet packet, int packetId) throws LinkClosedException {
        boolean sent;
        try {
            sent = out.send(packet, null);
        } catch (RuntimeException e) {
            ids.release(packetId);
            throw e;
        }
        if (!sent) {
            ids.release(packetId);
            throw new LinkClosedException();
        }
    }
}
