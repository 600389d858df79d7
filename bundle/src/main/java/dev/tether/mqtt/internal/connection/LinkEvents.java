package dev.tether.mqtt.internal.connection;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.OversizedPublish;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.internal.metrics.ConnectionMeter;
import dev.tether.mqtt.internal.queue.OutboundMessage;
import dev.tether.mqtt.internal.queue.OutboundQueue;
import dev.tether.mqtt.internal.queue.QueueStorage;
import dev.tether.mqtt.internal.queue.WireProperties;
import dev.tether.mqtt.internal.session.LinkClosedException;
import dev.tether.mqtt.internal.session.PublishRefusedException;
import dev.tether.mqtt.internal.session.Refusal;
import dev.tether.mqtt.internal.session.SessionHandler;
import dev.tether.mqtt.internal.session.SessionLink;
import dev.tether.mqtt.internal.session.SessionMessage;

/**
 * Where what a connection's links report goes: messages to the subscribers, acknowledgements to the queue, a
 * link's start and end to the state machine. Messages and acknowledgements are handled right on the reader
 * thread, without a hand-off; everything else is a step of the state machine.
 */
final class LinkEvents implements SessionHandler {

    private final String name;
    private final Logger logger;
    private final SubscriptionRegistry registry;
    private final OutboundQueue outbound;
    /** The link since its CONNACK, until it closed. */
    private volatile SessionLink connectedLink;
    private final QueueStorage storage;
    private final ConnectionMeter meter;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private ConnectionLoop loop;
    private IntFunction<String> filterOf;

    LinkEvents(String name, Logger logger, SubscriptionRegistry registry, OutboundQueue outbound,
            QueueStorage storage, ConnectionMeter meter) {
        this.meter = meter;
        this.name = name;
        this.logger = logger;
        this.registry = registry;
        this.outbound = outbound;
        this.storage = storage;
    }

    /** The state machine the links' starts and ends go to; set once, before the first link. */
    void attach(ConnectionLoop stateMachine) {
        this.loop = stateMachine;
        this.filterOf = stateMachine.subscriptions()::filterOf;
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }

    /** @return how the queue sends on this link */
    OutboundQueue.Transport transport(SessionLink link) {
        return (message, attempt) -> {
            try {
                link.publish(message, attempt);
            } catch (LinkClosedException e) {
                throw new OutboundQueue.TransportClosedException(e);
            } catch (PublishRefusedException e) {
                throw e.tooLarge() ? new MqttServiceException(Reason.TOO_LARGE, e.getMessage())
                    : new MqttServiceException(Reason.BROKER_REJECTED, e.reasonCode(), e.getMessage());
            } catch (IllegalStateException e) {
                throw new MqttServiceException(Reason.QUEUE_FULL, "QoS 0 message to " + message.topic()
                    + " not sent: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new MqttServiceException(Reason.BROKER_REJECTED, "message to " + message.topic()
                    + " cannot be sent: " + e.getMessage(), e);
            }
        };
    }

    /** @return whether the connected link has packets waiting for the broker's answer */
    boolean awaitingAnswers() {
        SessionLink link = connectedLink;
        return link != null && link.awaitingAnswers();
    }

    @Override
    public void connected(SessionLink link, ConnAck connAck) {
        connectedLink = link;
        if (connAck.sessionPresent()) {
            // before anything else is read or sent: nothing may take the ids of what goes again
            link.reserve(outbound.pending());
        }
        loop.later(() -> loop.sessionOpened(link, connAck));
    }

    @Override
    public void messageArrived(SessionLink link, Publish publish) {
        BurstExecutor.beginBurst();
        received.incrementAndGet();
        meter.received(publish.qos(), publish.payload().length);
        MqttMessage message = WireProperties.message(publish);
        if (registry.dispatch(message, filterOf) == 0) {
            logger.debug("Connection {}: no listener for a message to {}", name, publish.topic());
        }
    }

    @Override
    public void messageDropped(SessionLink link, OversizedPublish publish) {
        received.incrementAndGet();
        meter.received(publish.qos(), publish.payloadSize());
        long count = oversized.incrementAndGet();
        logger.warn("Connection {}: dropped a {}-byte message to {}: larger than recv_mbuf_limit={} ({} so far)",
            name, publish.payloadSize(), publish.topic(), loop.status().maxInboundPayload(), count);
    }

    @Override
    public void delivered(SessionMessage message, int attempt) {
        BurstExecutor.beginBurst();
        sent.incrementAndGet();
        OutboundMessage completed = (OutboundMessage) message;
        meter.sent(completed.qos(), completed.payload().length, completed.acceptedAtNanos());
        outbound.completed(completed, attempt);
    }

    @Override
    public void refused(SessionMessage message, int attempt, Refusal refusal) {
        BurstExecutor.beginBurst();
        long count = refusals.incrementAndGet();
        // the publisher's stage says it for each message; the log says it without flooding
        if (count == 1 || count % 1000 == 0) {
            logger.warn("Connection {}: the broker refused the message to {}: {} ({} refused so far)", name,
                message.topic(), refusal.describe(), count);
        }
        outbound.failed((OutboundMessage) message, attempt, new MqttServiceException(Reason.BROKER_REJECTED,
            refusal.reasonCode(), "the broker refused the message to " + message.topic() + ": " + refusal.describe()),
            false);
    }

    @Override
    public void packetIdAssigned(SessionMessage message) {
        keepSessionState(message);
    }

    @Override
    public void released(SessionMessage message) {
        keepSessionState(message);
    }

    /** Only a session the broker keeps across connections can resume a message after a restart. */
    private void keepSessionState(SessionMessage message) {
        if (!loop.status().cleanSession()) {
            storage.update((OutboundMessage) message);
        }
    }

    @Override
    public void afterBurst() {
        BurstExecutor.endBurst();
    }

    @Override
    public void closed(SessionLink link, Throwable cause, boolean wasConnected) {
        if (connectedLink == link) {
            connectedLink = null;
        }
        loop.later(() -> loop.linkClosed(link, cause, wasConnected));
    }
}
