package dev.tether.mqtt.internal.session;

import java.io.IOException;
import java.util.function.IntConsumer;

import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.codec.OversizedPublish;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PubAck;
import dev.tether.mqtt.internal.codec.PubComp;
import dev.tether.mqtt.internal.codec.PubRec;
import dev.tether.mqtt.internal.codec.PubRel;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.codec.SubAck;
import dev.tether.mqtt.internal.codec.UnsubAck;

/**
 * What the client does with each packet from the broker once connected (MQTT 3.1.1, 4.3 and 4.6): messages
 * acknowledged in the order they arrived, QoS 2 delivered once, answers matched to what they answer. An answer to
 * something not asked, or a packet out of turn, is a protocol violation that ends the connection. Runs on the
 * link's reader thread.
 */
final class InboundPackets {

    /** A packet id kept for a message that a resumed session sends again. */
    static final Object RESERVED = new Object();

    /** A SUBSCRIBE waiting for its SUBACK. */
    record SubscribeRequest(IntConsumer answered) {
    }

    /** An UNSUBSCRIBE waiting for its UNSUBACK. */
    record UnsubscribeRequest(Runnable answered) {
    }

    private final SessionLink link;
    private final PacketIds ids;
    private final SessionState state;
    private final SessionHandler handler;

    InboundPackets(SessionLink link, PacketIds ids, SessionState state, SessionHandler handler) {
        this.link = link;
        this.ids = ids;
        this.state = state;
        this.handler = handler;
    }

    void handle(Packet packet, Outbox out) throws IOException {
        switch (packet.type()) {
            case PUBLISH -> {
                if (packet instanceof Publish publish) {
                    message(publish, out);
                } else {
                    oversized((OversizedPublish) packet, out);
                }
            }
            case PUBACK -> pubAck(((PubAck) packet).packetId());
            case PUBREC -> pubRec(((PubRec) packet).packetId(), out);
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

    private void pubAck(int packetId) throws MalformedPacketException {
        InFlightMessage inFlight = inFlight(packetId, "PUBACK");
        // QoS 2 answered with PUBACK: RabbitMQ handles QoS 2 as QoS 1; the broker has the message all the same
        if (inFlight.message().released()) {
            throw violation("PUBACK for packet id " + packetId + ", a QoS 2 message already answered with PUBREC");
        }
        ids.release(packetId);
        handler.delivered(inFlight.message(), inFlight.attempt());
    }

    private void pubRec(int packetId, Outbox out) throws MalformedPacketException {
        InFlightMessage inFlight = inFlight(packetId, "PUBREC");
        SessionMessage message = inFlight.message();
        if (message.qos() != 2) {
            throw violation("PUBREC for packet id " + packetId + ", a QoS " + message.qos() + " message");
        }
        if (!message.released()) {
            message.markReleased();
            handler.released(message);
        }
        out.sendLater(new PubRel(packetId));
    }

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
        request.answered().accept(subAck.returnCodes().get(0));
    }

    private void unsubAck(int packetId) throws MalformedPacketException {
        if (!(ids.get(packetId) instanceof UnsubscribeRequest request)) {
            throw violation("UNSUBACK for packet id " + packetId + ", which is no UNSUBSCRIBE in flight");
        }
        ids.release(packetId);
        request.answered().run();
    }

    private static MalformedPacketException violation(String message) {
        return new MalformedPacketException(MalformedPacketException.PROTOCOL_ERROR, message);
    }
}
