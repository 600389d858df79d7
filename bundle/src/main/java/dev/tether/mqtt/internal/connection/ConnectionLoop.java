package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.ProtocolVersion;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ProtocolChoice;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.metrics.ConnectionMeter;
import dev.tether.mqtt.internal.queue.OutboundQueue;
import dev.tether.mqtt.internal.session.BrokerTerms;
import dev.tether.mqtt.internal.session.ServerDisconnectException;
import dev.tether.mqtt.internal.session.SessionHandler;
import dev.tether.mqtt.internal.session.SessionLink;
import dev.tether.mqtt.internal.session.SessionState;
import dev.tether.mqtt.internal.transport.WebSocketClients;

/**
 * The connection's state machine: connect, re-subscribe, report connected, and on any failure retry with
 * backoff, for ever. It runs in the connection's {@link SerialExecutor} (asserted), so its state needs no locks;
 * what other threads may see of it is in its {@link LoopStatus}.
 */
final class ConnectionLoop {

    private static final Duration CLOCK_POLL = Duration.ofSeconds(1);

    private final String name;
    private final Logger logger;
    private final SerialExecutor loop;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final WebSocketClients webSocketClients;
    private final OutboundQueue outbound;
    private final ConnectionListeners listeners;
    private final Supplier<ConnectionStatus> status;
    private final SessionSubscriptions subscriptions;
    private final ClockCheck clockCheck;
    private final Supplier<ConnectionEvents> events;
    private final PrimaryCheck primaryCheck;
    private final AckWatchdog ackWatchdog;
    private final SessionHandler handler;
    private final Function<SessionLink, OutboundQueue.Transport> transports;
    private final ConnectionMeter meter;

    private final LoopStatus shown = new LoopStatus();

    private ConnectionSettings settings;
    private SessionState session = new SessionState(true);
    private SessionLink link;
    private final Attempts attempts;
    private final Redirects redirects;
    private boolean closed;
    private boolean waitingForClock;
    private ProtocolFallback protocols = new ProtocolFallback(ProtocolChoice.AUTO);

    /**
     * @param handler    what the links of this connection report to
     * @param transports the queue's way to send on a link
     */
    ConnectionLoop(String name, Logger logger, SerialExecutor loop, SharedThreads threads, SubscriptionRegistry registry,
            OutboundQueue outbound, ConnectionListeners listeners, Supplier<ConnectionStatus> status,
            ClockCheck clockCheck, Supplier<ConnectionEvents> events, SessionHandler handler,
            Function<SessionLink, OutboundQueue.Transport> transports, ConnectionMeter meter) {
        this.meter = meter;
        this.name = name;
        this.logger = logger;
        this.loop = loop;
        this.scheduler = threads.scheduler();
        this.workers = threads.workers();
        this.webSocketClients = threads.webSocketClients();
        this.outbound = outbound;
        this.listeners = listeners;
        this.status = status;
        this.clockCheck = clockCheck;
        this.events = events;
        this.handler = handler;
        this.transports = transports;
        this.primaryCheck = new PrimaryCheck(scheduler, workers, clockCheck.clock());
        this.ackWatchdog = new AckWatchdog(scheduler);
        this.attempts = new Attempts(scheduler, this::later);
        this.redirects = new Redirects(name, logger, attempts);
        this.subscriptions = new SessionSubscriptions(name, logger, registry, this::later, () -> shown.maxQos,
            this::subscriptionRejected, this::connectedIfResubscribed);
    }

    /** @return what the state machine shows to other threads */
    LoopStatus status() {
        return shown;
    }

    SessionSubscriptions subscriptions() {
        return subscriptions;
    }

    void apply(ParsedConfiguration next) {
        assert loop.isRunningHere();
        if (closed) {
            return;
        }
        shown.configuration = next;
        if (next.settings().isEmpty()) {
            endSession("the configuration became invalid");
            settings = null;
            shown.lastError = next.describeProblems();
            shown.state = ConnectionState.CONFIGURATION_ERROR;
            logger.error("Connection {}: {}; not connecting until it is fixed", name, shown.lastError);
            return;
        }
        ConnectionSettings changed = next.settings().get();
        if (changed.equals(settings)) {
            if (shown.state == ConnectionState.DISCONNECTED && attempts.pending()) {
                // an operator saving the same settings again wants an attempt now, not after the backoff
                attempts.cancelPending();
                connect();
            }
            return;
        }
        if (settings != null) {
            logger.info("Connection {}: configuration changed, reconnecting to {}", name, changed.server());
            // another client id or broker is another session: nothing of the old one may carry over
            session = new SessionState(false);
        }
        endSession("the configuration changed");
        settings = changed;
        shown.maxQos = changed.maxQos();
        shown.maxInboundPayload = changed.maxInboundPayload();
        shown.cleanSession = changed.cleanSession();
        attempts.configure(changed);
        protocols = new ProtocolFallback(changed.protocol());
        shown.reconnectAttempts = 0;
        shown.lastError = null;
        connect();
    }

    private void connect() {
        assert loop.isRunningHere();
        if (closed || settings == null) {
            return;
        }
        Optional<String> clockUnset = settings.requireTime() ? clockCheck.unsetReason() : Optional.empty();
        if (clockUnset.isPresent()) {
            waitForClock(clockUnset.get());
            return;
        }
        waitingForClock = false;
        shown.state = ConnectionState.CONNECTING;
        ServerAddress target = attempts.server();
        shown.activeServer = target;
        shown.onBackup = attempts.onBackup();
        ProtocolVersion version = protocols.versionFor(target);
        logger.debug("Connection {}: connecting to {} as {} with {}", name, target, settings.clientId(), version);
        link = new SessionLink(name, ConnectPackets.linkSettings(settings, version),
            SecureTransports.opener(target, settings.security(), clockCheck.clock(), webSocketClients), session,
            handler, scheduler, workers);
        link.start();
    }

    /** Checks the clock again every second, without backoff: the attempt should follow the clock at once. */
    private void waitForClock(String reason) {
        shown.disconnected(ConnectionState.DISCONNECTED);
        shown.lastError = reason;
        if (!waitingForClock) {
            waitingForClock = true;
            logger.warn("Connection {}: {}", name, reason);
        }
        attempts.retryIn(CLOCK_POLL, this::connect);
    }

    /** The broker accepted the link's CONNECT. */
    void sessionOpened(SessionLink opened, ConnAck connAck) {
        assert loop.isRunningHere();
        if (opened != link) {
            return;
        }
        logger.debug("Connection {}: the broker accepted the connection (session present: {})", name,
            connAck.sessionPresent());
        BrokerTerms terms = opened.terms();
        shown.terms = terms;
        protocols.connected(shown.activeServer, opened.version());
        terms.assignedClientId().ifPresent(assigned -> logger.info("Connection {}: the broker assigned the client id"
            + " {}", name, assigned));
        subscriptions.open(opened);
        connectedIfResubscribed();
        if (shown.state == ConnectionState.CONNECTING) {
            long limit = settings.ackTimeout().toSeconds();
            ackWatchdog.expectSubscriptionAnswers(settings.ackTimeout(),
                () -> later(() -> overdue(opened, AckTimeoutException.subscribeUnanswered(limit))));
        }
    }

    /** Reports CONNECTED once the broker answered for every subscription of the new session. */
    private void connectedIfResubscribed() {
        if (shown.state != ConnectionState.CONNECTING || !subscriptions.resubscribed()) {
            return;
        }
        SessionLink current = link;
        // the queue first: whoever sees CONNECTED may publish QoS 0 at once, which needs the queue's transport
        outbound.connected(transports.apply(current), current.terms().receiveMaximum());
        shown.state = ConnectionState.CONNECTED;
        shown.connectedSince = Instant.now();
        shown.reconnectAttempts = 0;
        attempts.connected();
        long limit = settings.ackTimeout().toSeconds();
        ackWatchdog.start(settings.ackTimeout(), outbound::oldestSentAt,
            waited -> later(() -> overdue(current, new AckTimeoutException(waited, limit))));
        logger.info("Connection {}: connected to {}{} as {} with {}, {} subscription(s)", name, shown.activeServer,
            shown.onBackup ? " (the backup server)" : "", settings.clientId(), current.version(),
            subscriptions.size());
        if (shown.onBackup) {
            ConnectionSettings checked = settings;
            primaryCheck.start(checked, () -> later(() -> returnToPrimary(checked)));
        }
        meter.connected(shown.activeServer + (shown.onBackup ? " (the backup server)" : "") + " with "
            + current.version());
        ConnectionStatus now = status.get();
        listeners.connected(now);
        events.get().connected(now);
    }

    /** The broker left something unanswered for {@code ack_timeout}: the link is given up and made again. */
    private void overdue(SessionLink owing, AckTimeoutException reason) {
        if (owing == link) {
            owing.abort(reason);
        }
    }

    private void subscriptionRejected(String filter, int code, String reason) {
        shown.lastError = "subscription to '" + filter + "' rejected: " + reason;
        meter.subscriptionFailed("'" + filter + "': " + reason);
        events.get().subscriptionFailed(status.get(), filter, code, reason);
    }

    /** An operator or bundle asked to reconnect: end what there is, and connect at once, without backoff. */
    void reconnectNow() {
        assert loop.isRunningHere();
        if (closed || settings == null) {
            return;
        }
        logger.info("Connection {}: reconnecting on request", name);
        endSession("a reconnect was requested");
        attempts.restart();
        connect();
    }

    /** Brings the broker's subscriptions in line with the registry; a no-op while there is no session. */
    void syncSubscriptions() {
        assert loop.isRunningHere();
        subscriptions.sync();
    }

    /** The link ended: the attempt failed, or the connection it carried was lost. */
    void linkClosed(SessionLink ended, Throwable cause, boolean wasAccepted) {
        assert loop.isRunningHere();
        if (ended != link) {
            return;
        }
        link = null;
        if (wasAccepted) {
            connectionLost(cause);
        } else {
            attemptFailed(cause, ended.version());
        }
    }

    private void attemptFailed(Throwable error, ProtocolVersion offered) {
        ServerAddress server = shown.activeServer;
        if (protocols.attemptFailed(server, offered, error)) {
            logger.info("Connection {}: {} does not speak MQTT 5 ({}); connecting with MQTT 3.1.1", name, server,
                FailureText.describe(error, settings, server));
            attempts.retryNow(this::connect);
            return;
        }
        if (redirects.follow(error, server, this::connect)) {
            return;
        }
        // the reason first: whoever sees the attempt counted also sees why it failed
        shown.lastError = "connect to " + server + " failed: " + FailureText.describe(error, settings, server);
        shown.reconnectAttempts++;
        meter.attemptFailed(error, shown.lastError);
        shown.disconnected(ConnectionState.DISCONNECTED);
        // retrying sooner does not fix rejected credentials: do not hammer the broker
        Duration delay = attempts.afterFailure(this::connect, FailureText.refusesCredentials(error));
        logger.warn("Connection {}: {}; attempt {}, retrying in {} ms", name, shown.lastError,
            shown.reconnectAttempts, delay.toMillis());
    }

    private void connectionLost(Throwable cause) {
        boolean wasConnected = shown.state == ConnectionState.CONNECTED;
        closeSession(true);
        ServerAddress server = shown.activeServer;
        shown.lastError = "connection to " + server + " lost: " + FailureText.describe(cause, settings, server);
        meter.connectionLost(shown.lastError);
        shown.disconnected(ConnectionState.DISCONNECTED);
        if (redirects.follow(cause, server, this::connect)) {
            logger.info("Connection {}: {}", name, shown.lastError);
        } else if (cause instanceof ServerDisconnectException takenOver && takenOver.sessionTakenOver()) {
            Duration delay = attempts.afterLoss(this::connect);
            logger.warn("Connection {}: {}: another client connected with the same client id '{}'. Two gateways"
                + " with one client_id throw each other off; give each its own. Reconnecting in {} ms", name,
                shown.lastError, settings.clientId(), delay.toMillis());
        } else {
            Duration delay = attempts.afterLoss(this::connect);
            logger.warn("Connection {}: {}; reconnecting in {} ms", name, shown.lastError, delay.toMillis());
        }
        if (wasConnected) {
            ConnectionStatus now = status.get();
            listeners.disconnected(now, cause);
            events.get().disconnected(now, shown.lastError);
        }
    }

    /** Ends the current session on purpose: DISCONNECT is sent, so the broker drops the will. */
    private void endSession(String reason) {
        attempts.cancelPending();
        SessionLink ending = link;
        if (ending == null) {
            return;
        }
        boolean wasConnected = shown.state == ConnectionState.CONNECTED;
        link = null;
        closeSession(false);
        shown.disconnected(ConnectionState.DISCONNECTED);
        IllegalStateException cause = new IllegalStateException(reason);
        ending.disconnect(cause);
        logger.info("Connection {}: disconnected from {} because {}", name, shown.activeServer, reason);
        meter.disconnected("from " + shown.activeServer + ": " + reason);
        if (wasConnected) {
            ConnectionStatus now = status.get();
            listeners.disconnected(now, cause);
            events.get().disconnected(now, reason);
        }
    }

    private void returnToPrimary(ConnectionSettings checked) {
        if (checked != settings || !shown.onBackup || shown.state != ConnectionState.CONNECTED) {
            return;
        }
        logger.info("Connection {}: the server {} accepts connections again; leaving the backup server {}", name,
            settings.server(), shown.activeServer);
        endSession("the configured server is back");
        attempts.restart();
        connect();
    }

    /** @param lost whether the connection dropped, rather than being ended on purpose */
    private void closeSession(boolean lost) {
        primaryCheck.stop();
        ackWatchdog.stop();
        subscriptions.close();
        outbound.disconnected(lost);
    }

    void close() {
        assert loop.isRunningHere();
        endSession("the service is shutting down");
        closed = true;
        shown.state = ConnectionState.CLOSED;
    }

    /** Runs a step in the state machine; once the connection is closed, nothing waits for it any more. */
    void later(Runnable step) {
        try {
            loop.execute(() -> safely(step));
        } catch (RejectedExecutionException closing) {
            // the connection is closed
        }
    }

    /** No failure, however unexpected, may end the state machine: it is logged and the connection retried. */
    private void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            logger.error("Connection {}: unexpected failure in the connection's state machine; retrying", name, e);
            if (closed || settings == null || shown.state == ConnectionState.CONNECTED || attempts.pending()) {
                return;
            }
            SessionLink broken = link;
            link = null;
            closeSession(false);
            if (broken != null) {
                broken.abort(e);
            }
            shown.disconnected(ConnectionState.DISCONNECTED);
            attempts.afterLoss(this::connect);
        }
    }
}
