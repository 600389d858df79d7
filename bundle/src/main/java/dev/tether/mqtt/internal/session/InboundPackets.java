package dev.tether.mqtt.internal.session;

import java.io.IOException;

import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.codec.OversizedPublish;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketType;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.ReasonCodes;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.UnsubAck;

/**
 * What the client does with each packet from the broker once connected (MQTT 3.1.1, 4.3 and 4.6; MQTT 5.0, 4.3,
 * 4.6 and 4.13): messages acknowledged in the order they arrived, QoS 2 delivered once, answers matched to what they
 * answer, a refusal (a reason code of 0x80 or more) reported with the broker's words, topic aliases resolved. An
 * answer to something not asked, or a packet out of turn, is a protocol violation that ends the connection; the
 * broker's DISCONNECT ends it too. Runs on the link's reader thread.
 */
final class InboundPackets {

    /** A packet id kept for a message that a resumed session sends again. */
    static final Object RESERVED = new Object();

    /** A SUBSCRIBE waiting for its SUBACK. */
    record SubscribeRequest(SessionLink.SubscribeAnswer answered) {
    }

    /** An UNSUBSCRIBE waiting for its UNSUBACK. */
    record UnsubscribeRequest(Runnable answered) {
    }

    private final SessionLink link;
    private final PacketIds ids;
    private final SessionState state;
    private final SessionHandler handler;
    private final InboundTopicAliases aliases;

    /** @param topicAliases the Topic Alias Maximum this client announced; 0 on MQTT 3.1.1 */
    InboundPackets(SessionLink link, PacketIds ids, SessionState state, SessionHandler handler, int topicAliases) {
        this.link = link;
        this.ids = ids;
        this.state = state;
        this.handler = handler;
        this.aliases = new InboundTopicAliases(topicAliases);
    }

    void handle(Packet packet, Outbox out) throws IOException {
        switch (packet.type()) {
            case PUBLISH -> {
                if (packet instanceof Publish publish) {
                    message(aliases.resolve(publish), out);
                } else {
                    oversized(aliases.resolve((OversizedPublish) packet), out);
                }
            }
            case PUBACK -> pubAck((PubAck) packet);
            case PUBREC -> pubRec((PubRec) packet, out);
            case PUBREL -> {
                int packetId = ((PubRel) packet).packetId();
                state.released(packetId);
                // answered even for an id not known: after a restart the broker may release what we forgot
                out.sendLater(new PubComp(packetId));
            }
            case PUBCOMP -> pubComp(((PubComp) packet).packetId());
            case SUBACK -> subAck((SubAck) packet);
            case UNSUBACK -> unsubAck(((UnsubAck) packet).packetId());
            case PINGRESP -> link.pingAnswered();
            case DISCONNECT -> throw new ServerDisconnectException((Disconnect) packet);
            // enhanced authentication is never started by this client, so the broker has nothing to continue
            case AUTH -> throw violation("the broker sent AUTH, but the client asked for no enhanced authentication"
                + " [MQTT-4.12.0-6]");
            default -> throw violation("the broker sent " + packet.type() + " after CONNACK");
        }
    }

    private void message(Publish publish, Outbox out) {
        switch (publish.qos()) {
            case 0 -> handler.messageArrived(link, publish);
            case 1 -> {
                handler.messageArrived(link, publish);
                out.sendLater(new PubAck(publish.packetId()));
            }
            default -> {
                if (state.receivedExactlyOnce(publish.packetId())) {
                    handler.messageArrived(link, publish);
                }
                out.sendLater(new PubRec(publish.packetId()));
            }
        }
    }

    private void oversized(OversizedPublish publish, Outbox out) {
        if (publish.qos() < 2 || state.receivedExactlyOnce(publish.packetId())) {
            handler.messageDropped(link, publish);
        }
        if (publish.qos() == 1) {
            out.sendLater(new PubAck(publish.packetId()));
        } else if (publish.qos() == 2) {
            out.sendLater(new PubRec(publish.packetId()));
        }
    }

    private void pubAck(PubAck ack) throws MalformedPacketException {
        int packetId = ack.packetId();
        InFlightMessage inFlight = inFlight(packetId, "PUBACK");
        // QoS 2 answered with PUBACK: RabbitMQ handles QoS 2 as QoS 1; the broker has the message all the same
        if (inFlight.message().released()) {
            throw violation("PUBACK for packet id " + packetId + ", a QoS 2 message already answered with PUBREC");
        }
        ids.release(packetId);
        if (ReasonCodes.isFailure(ack.reasonCode())) {
            handler.refused(inFlight.message(), inFlight.attempt(), refusal(PacketType.PUBACK, ack.reasonCode(),
                ack.properties()));
            return;
        }
        handler.delivered(inFlight.message(), inFlight.attempt());
    }

    private void pubRec(PubRec ack, Outbox out) throws MalformedPacketException {
        int packetId = ack.packetId();
        InFlightMessage inFlight = inFlight(packetId, "PUBREC");
        SessionMessage message = inFlight.message();
        if (inFlight.qos() != 2) {
            throw violation("PUBREC for packet id " + packetId + ", a message sent with QoS " + inFlight.qos());
        }
        if (ReasonCodes.isFailure(ack.reasonCode())) {
            // the exchange ends here: no PUBREL, and the id is free (MQTT 5.0, 4.3.3)
            ids.release(packetId);
            handler.refused(message, inFlight.attempt(), refusal(PacketType.PUBREC, ack.reasonCode(),
                ack.properties()));
            return;
        }
        if (!message.released()) {
            message.markReleased();
            handler.released(message);
        }
        out.sendLater(new PubRel(packetId));
    }

    /** A PUBCOMP's 0x92 (packet identifier not found) still ends the exchange: the broker had the message. */
    private void pubComp(int packetId) throws MalformedPacketException {
        InFlightMessage inFlight = inFlight(packetId, "PUBCOMP");
        if (!inFlight.message().released()) {
            throw violation("PUBCOMP for packet id " + packetId + " before its PUBREC");
        }
        ids.release(packetId);
        handler.delivered(inFlight.message(), inFlight.attempt());
    }

    private InFlightMessage inFlight(int packetId, String answer) throws MalformedPacketException {
        if (ids.get(packetId) instanceof InFlightMessage inFlight) {
            return inFlight;
        }
        throw violation(answer + " for packet id " + packetId + ", which is no message in flight");
    }

    private void subAck(SubAck subAck) throws MalformedPacketException {
        if (!(ids.get(subAck.packetId()) instanceof SubscribeRequest request)) {
            throw violation("SUBACK for packet id " + subAck.packetId() + ", which is no SUBSCRIBE in flight");
        }
        if (subAck.returnCodes().size() != 1) {
            throw violation("SUBACK with " + subAck.returnCodes().size() + " return codes for a SUBSCRIBE of one"
                + " topic filter [MQTT-3.8.4-5]");
        }
        ids.release(subAck.packetId());
        request.answered().answered(subAck.returnCodes().get(0),
            subAck.properties().string(PropertyIds.REASON_STRING).orElse(null));
    }

    private void unsubAck(int packetId) throws MalformedPacketException {
        if (!(ids.get(packetId) instanceof UnsubscribeRequest request)) {
            throw violation("UNSUBACK for packet id " + packetId + ", which is no UNSUBSCRIBE in flight");
        }
        ids.release(packetId);
        request.answered().run();
    }

    private static Refusal refusal(PacketType answer, int code, Properties properties) {
        return new Refusal(answer, code, properties.string(PropertyIds.REASON_STRING).orElse(null));
    }

    private static MalformedPacketException violation(String message) {
        return new MalformedPacketException(MalformedPacketException.PROTOCOL_ERROR, message);
    }
}
