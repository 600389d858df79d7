package dev.tether.mqtt.internal.session;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Disconnect;
import dev.tether.mqtt.internal.codec.MalformedPacketException;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketDecoder;
import dev.tether.mqtt.internal.codec.PacketEncoder;
import dev.tether.mqtt.internal.codec.PacketType;
import dev.tether.mqtt.internal.codec.PeerClosedException;
import dev.tether.mqtt.internal.codec.PingReq;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PropertyIds;
import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.codec.ReasonCodes;
import dev.tether.mqtt.internal.codec.Subscribe;
import dev.tether.mqtt.internal.transport.Transport;

/**
 * One network connection of an MQTT session, from CONNECT to its end: its one thread of its own reads and handles
 * what the broker sends; what it sends goes through the {@link Outbox}; keep-alive and timeouts run on the shared
 * scheduler. A link is used once: the next attempt is a new link on the same {@link SessionState}.
 */
public final class SessionLink {

    /** Bytes read from the network at a time while traffic is quiet; an idle connection keeps this much. */
    private static final int READ_BUFFER = 2 * 1024;
    /** Bytes read at a time at most, under load: many messages per system call. */
    private static final int MAX_READ_BUFFER = 64 * 1024;
    /** How long a graceful end waits for the DISCONNECT to be written before closing anyway. */
    private static final long DISCONNECT_WAIT_MILLIS = 200;
    /** Packets read back to back at most before what they caused (acknowledgements, deliveries) goes on. */
    private static final int BURST = 64;
    /** How long a failed write waits for the reader to find out why. */
    private static final long WRITE_FAILURE_GRACE_MILLIS = 200;
    /** Bytes waiting to be written beyond which the reader stops taking in what it must answer. */
    private static final int MAX_UNWRITTEN_BYTES = OutboundPackets.MAX_UNWRITTEN_BYTES;

    private final String name;
    private final LinkSettings settings;
    private final TransportOpener opener;
    private final SessionState state;
    private final SessionHandler handler;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final PacketIds ids = new PacketIds();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final KeepAlive keepAlive;
    private final InboundPackets inbound;
    private final OutboundPackets outbound;
    private volatile Transport transport;
    private volatile Outbox outbox;
    private volatile boolean connected;
    /** What the CONNACK decided; set before {@link #connected} turns true. */
    private volatile BrokerTerms terms = BrokerTerms.MQTT_3_1_1;
    private ScheduledFuture<?> connectTimeout;

    /** Told the broker's answer to a SUBSCRIBE, on the reader thread. */
    @FunctionalInterface
    public interface SubscribeAnswer {
        /**
         * @param code         the granted QoS (0..2), or a refusal: 0x80 on MQTT 3.1.1, an MQTT 5 reason code
         * @param reasonString the broker's words on MQTT 5, or null
         */
        void answered(int code, String reasonString);
    }

    /**
     * @param name      names the reader thread, {@code tether-<name>-reader}
     * @param scheduler the shared scheduler: keep-alive, the connect timeout
     * @param workers   the shared workers: writing
     */
    public SessionLink(String name, LinkSettings settings, TransportOpener opener, SessionState state,
            SessionHandler handler, ScheduledExecutorService scheduler, Executor workers) {
        this.name = name;
        this.settings = settings;
        this.opener = opener;
        this.state = state;
        this.handler = handler;
        this.scheduler = scheduler;
        this.workers = workers;
        this.keepAlive = new KeepAlive(settings.connect().keepAliveSeconds(), scheduler, new KeepAlive.Actions() {
            @Override
            public void ping() {
                Outbox current = outbox;
                if (current != null) {
                    current.send(PingReq.INSTANCE, null);
                }
            }

            @Override
            public void lost(long silentMillis) {
                end(new KeepAliveTimeoutException(silentMillis,
                    terms.keepAliveSeconds(settings.connect().keepAliveSeconds())));
            }
        });
        this.inbound = new InboundPackets(this, ids, state, handler,
            (int) settings.connect().properties().integer(PropertyIds.TOPIC_ALIAS_MAXIMUM).orElse(0));
        this.outbound = new OutboundPackets(ids, state, handler);
    }

    /** Starts the attempt on a thread of its own, which then reads for as long as the connection lives. */
    public void start() {
        Thread reader = new Thread(this::run, "tether-" + name + "-reader");
        reader.setDaemon(true);
        long timeoutMillis = settings.connectTimeout().toMillis();
        synchronized (this) {
            try {
                connectTimeout = scheduler.schedule(() -> end(new SocketTimeoutException(
                    "no CONNACK within connect_timeout (" + settings.connectTimeout().toSeconds() + " s)")),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                end(new IOException("Tether is shutting down"));
                return;
            }
        }
        reader.start();
    }

    private void run() {
        try {
            Transport opened = opener.open(settings.connectTimeout());
            transport = opened;
            if (ended.get()) {
                // ended while opening: the connect timeout, or the owner gave up on this attempt
                opened.close();
                return;
            }
            ProtocolVersion version = settings.version();
            PacketDecoder decoder = new PacketDecoder(new ActivityInputStream(opened.input(), keepAlive::received),
                PacketDecoder.Role.CLIENT, version, READ_BUFFER, MAX_READ_BUFFER, PacketEncoder.MAX_REMAINING_LENGTH,
                settings.maxInboundPayload() > 0 ? settings.maxInboundPayload() : Integer.MAX_VALUE);
            Outbox out = new Outbox(new PacketEncoder(version), opened.output(), workers, keepAlive::sent,
                handler::afterBurst, this::writeFailed);
            outbox = out;
            out.send(settings.connect(), null);
            Packet first;
            try {
                first = decoder.read();
            } catch (PeerClosedException closed) {
                throw new NoConnAckException();
            }
            if (!(first instanceof ConnAck connAck)) {
                throw new MalformedPacketException(MalformedPacketException.PROTOCOL_ERROR,
                    "the broker sent " + first.type() + " before CONNACK [MQTT-3.2.0-1]");
            }
            cancelConnectTimeout();
            if (!connAck.accepted()) {
                throw new ConnectionRefusedException(connAck);
            }
            // a refusal may come as an MQTT 3.1.1 CONNACK (0x01): only an accepted one says the version is spoken
            BrokerTerms agreed = version == ProtocolVersion.MQTT_5 ? BrokerTerms.of(connAck) : BrokerTerms.MQTT_3_1_1;
            terms = agreed;
            outbound.sessionStarted(agreed, out);
            synchronized (this) {
                // the connect timeout may have ended the link a moment ago: then it stays ended
                if (ended.get()) {
                    return;
                }
                connected = true;
            }
            state.connected(connAck.sessionPresent());
            keepAlive.received();
            keepAlive.start(agreed.keepAliveSeconds(settings.connect().keepAliveSeconds()));
            handler.connected(this, connAck);
            int unflushed = 0;
            while (!ended.get()) {
                Packet packet = decoder.read();
                inbound.handle(packet, out);
                boolean waitsNext = !decoder.hasBuffered();
                if (waitsNext) {
                    decoder.trim();
                }
                if (waitsNext || ++unflushed == BURST) {
                    // about to wait for the network, or a burst is long enough: what was answered goes out in one
                    // write, and the messages read wake their listeners' threads once
                    out.writeSmallOrWake();
                    handler.afterBurst();
                    unflushed = 0;
                    // a broker that sends without reading our answers is not followed beyond a bound
                    out.awaitBelow(MAX_UNWRITTEN_BYTES);
                }
            }
        } catch (MalformedPacketException e) {
            endReporting(e);
        } catch (Exception | Error e) {
            end(e);
        }
    }

    /**
     * The broker broke the protocol. On MQTT 5 it is told why in a DISCONNECT with the reason code before the
     * connection closes (MQTT 5.0, 4.13.1); on MQTT 3.1.1 the connection just closes [MQTT-4.8.0-1].
     */
    private void endReporting(MalformedPacketException fault) {
        int code = fault.reasonCode();
        if (settings.version() != ProtocolVersion.MQTT_5 || !connected) {
            end(fault);
            return;
        }
        int reported = ReasonCodes.validFor(PacketType.DISCONNECT, code) ? code : ReasonCodes.PROTOCOL_ERROR;
        endAfter(new Disconnect(reported, Properties.NONE), fault);
    }

    /**
     * A write failed. The reader usually learns why a moment later, and better: the TLS alert a broker sent
     * (certificate_required), or the end of the stream. It gets that moment; then the link ends anyway.
     */
    private void writeFailed(IOException error) {
        try {
            scheduler.schedule(() -> end(error), WRITE_FAILURE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            end(error);
        }
    }

    private synchronized void cancelConnectTimeout() {
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
    }

    /** @return what the broker's CONNACK decided; MQTT 3.1.1's terms before it came */
    public BrokerTerms terms() {
        return terms;
    }

    /** @return the MQTT version this link speaks */
    public ProtocolVersion version() {
        return settings.version();
    }

    /** @return whether the broker accepted the connection and it has not ended */
    public boolean isConnected() {
        return connected && !ended.get();
    }

    /** KeepAlive told the broker pinged back. */
    void pingAnswered() {
        keepAlive.pingAnswered();
    }

    /**
     * Sends a message: QoS 0 once, QoS 1 and 2 with a packet id, the same one and the DUP flag when the broker
     * resumed the session the message was sent in before, or only its PUBREL when the broker already has it.
     *
     * @param attempt given back with {@link SessionHandler#delivered}
     * @throws LinkClosedException      when the connection is closed; the message was not sent
     * @throws IllegalArgumentException when the message cannot be encoded
     * @throws IllegalStateException    when too many QoS 0 messages wait to be written
     * @throws PublishRefusedException  when the broker said it does not take such a message
     */
    public void publish(SessionMessage message, int attempt) throws LinkClosedException, PublishRefusedException {
        outbound.publish(openOutbox(), message, attempt);
    }

    /**
     * Keeps the packet ids of messages that a resumed session will send again, so that nothing else takes them
     * before they go out [MQTT-2.3.1-2].
     */
    public void reserve(List<? extends SessionMessage> pending) {
        outbound.reserve(pending);
    }

    /**
     * Subscribes to one filter.
     *
     * @param subscriptionIdentifier sent on MQTT 5 when above 0 and the broker takes them, so that the messages for
     *                               this subscription carry it
     * @param answered               told the SUBACK's code
     */
    public void subscribe(Subscribe.Subscription subscription, int subscriptionIdentifier, SubscribeAnswer answered)
            throws LinkClosedException {
        outbound.subscribe(openOutbox(), subscription, subscriptionIdentifier, answered);
    }

    /** @param answered run on the UNSUBACK, on the reader thread */
    public void unsubscribe(String filter, Runnable answered) throws LinkClosedException {
        outbound.unsubscribe(openOutbox(), filter, answered);
    }

    private Outbox openOutbox() throws LinkClosedException {
        Outbox out = outbox;
        if (out == null || ended.get()) {
            throw new LinkClosedException();
        }
        return out;
    }

    /** @return whether a packet sent on this link waits for the broker's answer (an ack, SUBACK, UNSUBACK) */
    public boolean awaitingAnswers() {
        return ids.size() > 0;
    }

    /**
     * Ends the connection on purpose: DISCONNECT (so the broker drops the will), then the socket closes once it
     * is written, or after a moment at most. The handler is told with {@code reason}.
     */
    public void disconnect(Throwable reason) {
        Outbox out = outbox;
        if (out == null || !connected || ended.get()) {
            end(reason);
            return;
        }
        endAfter(Disconnect.NORMAL, reason);
    }

    /** Sends the DISCONNECT, then ends once it is written, or after a moment at most. */
    private void endAfter(Disconnect packet, Throwable reason) {
        Outbox out = outbox;
        if (out == null || !out.send(packet, () -> end(reason))) {
            end(reason);
            return;
        }
        try {
            scheduler.schedule(() -> end(reason), DISCONNECT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            end(reason);
        }
    }

    /** Closes the connection at once, without DISCONNECT (the broker publishes the will). */
    public void abort(Throwable cause) {
        end(cause);
    }

    private void end(Throwable cause) {
        boolean wasConnected;
        synchronized (this) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            wasConnected = connected;
        }
        cancelConnectTimeout();
        keepAlive.stop();
        Outbox out = outbox;
        if (out != null) {
            out.close();
        }
        Transport open = transport;
        if (open != null) {
            open.close();
        }
        ids.clear();
        handler.closed(this, cause, wasConnected);
    }

    @Override
    public String toString() {
        return "SessionLink[" + name + (connected ? ", connected" : "") + (ended.get() ? ", ended" : "") + "]";
    }
}
