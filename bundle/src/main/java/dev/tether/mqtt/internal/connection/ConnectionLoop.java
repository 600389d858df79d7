package dev.tether.mqtt.internal.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.queue.OutboundQueue;
import dev.tether.mqtt.internal.session.SessionHandler;
import dev.tether.mqtt.internal.session.SessionLink;
import dev.tether.mqtt.internal.session.SessionState;
import dev.tether.mqtt.internal.transport.WebSocketClients;

/**
 * The connection's state machine: connect, re-subscribe, report connected, and on any failure retry with
 * backoff, for ever. Every method but the getters runs in the connection's {@link SerialExecutor} (asserted), so
 * the state needs no locks; the getters read volatile fields.
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

    private volatile ParsedConfiguration configuration;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile Instant connectedSince;
    private volatile int reconnectAttempts;
    private volatile String lastError;
    private volatile int maxQos = 2;
    private volatile int maxInboundPayload;
    private volatile ServerAddress activeServer;
    private volatile boolean onBackup;
    private volatile boolean cleanSession = true;

    private ConnectionSettings settings;
    private SessionState session = new SessionState(true);
    private SessionLink link;
    private Backoff backoff;
    private ServerRotation servers;
    private ScheduledFuture<?> pendingAttempt;
    private boolean closed;
    private boolean waitingForClock;

    /**
     * @param handler    what the links of this connection report to
     * @param transports the queue's way to send on a link
     */
    ConnectionLoop(String name, Logger logger, SerialExecutor loop, SharedThreads threads, SubscriptionRegistry registry,
            OutboundQueue outbound, ConnectionListeners listeners, Supplier<ConnectionStatus> status,
            ClockCheck clockCheck, Supplier<ConnectionEvents> events, SessionHandler handler,
            Function<SessionLink, OutboundQueue.Transport> transports) {
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
        this.subscriptions = new SessionSubscriptions(name, logger, registry, this::later, () -> maxQos,
            this::subscriptionRejected, this::connectedIfResubscribed);
    }

    ParsedConfiguration configuration() {
        return configuration;
    }

    ConnectionState state() {
        return state;
    }

    Instant connectedSince() {
        return connectedSince;
    }

    int reconnectAttempts() {
        return reconnectAttempts;
    }

    String lastError() {
        return lastError;
    }

    int maxQos() {
        return maxQos;
    }

    int maxInboundPayload() {
        return maxInboundPayload;
    }

    /** @return whether the broker discards the session at each connect ({@code clean_session}) */
    boolean cleanSession() {
        return cleanSession;
    }

    /** @return the server of the current session or attempt (the backup while on it), null before the first */
    ServerAddress activeServer() {
        return activeServer;
    }

    boolean onBackup() {
        return onBackup;
    }

    SessionSubscriptions subscriptions() {
        return subscriptions;
    }

    void apply(ParsedConfiguration next) {
        assert loop.isRunningHere();
        if (closed) {
            return;
        }
        configuration = next;
        if (next.settings().isEmpty()) {
            endSession("the configuration became invalid");
            settings = null;
            lastError = next.describeProblems();
            state = ConnectionState.CONFIGURATION_ERROR;
            logger.error("Connection {}: {}; not connecting until it is fixed", name, lastError);
            return;
        }
        ConnectionSettings changed = next.settings().get();
        if (changed.equals(settings)) {
            if (state == ConnectionState.DISCONNECTED && pendingAttempt != null) {
                // an operator saving the same settings again wants an attempt now, not after the backoff
                pendingAttempt.cancel(false);
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
        maxQos = changed.maxQos();
        maxInboundPayload = changed.maxInboundPayload();
        cleanSession = changed.cleanSession();
        backoff = new Backoff(changed.reconnectMin(), changed.reconnectMax(),
            () -> ThreadLocalRandom.current().nextDouble());
        servers = new ServerRotation(changed);
        reconnectAttempts = 0;
        lastError = null;
        connect();
    }

    private void connect() {
        assert loop.isRunningHere();
        pendingAttempt = null;
        if (closed || settings == null) {
            return;
        }
        Optional<String> clockUnset = settings.requireTime() ? clockCheck.unsetReason() : Optional.empty();
        if (clockUnset.isPresent()) {
            waitForClock(clockUnset.get());
            return;
        }
        waitingForClock = false;
        state = ConnectionState.CONNECTING;
        ServerAddress target = servers.current();
        activeServer = target;
        onBackup = servers.onBackup();
        logger.debug("Connection {}: connecting to {} as {}", name, target, settings.clientId());
        link = new SessionLink(name, ConnectPackets.linkSettings(settings),
            SecureTransports.opener(target, settings.security(), clockCheck.clock(), webSocketClients), session,
            handler, scheduler, workers);
        link.start();
    }

    /** Checks the clock again every second, without backoff: the attempt should follow the clock at once. */
    private void waitForClock(String reason) {
        state = ConnectionState.DISCONNECTED;
        connectedSince = null;
        lastError = reason;
        if (!waitingForClock) {
            waitingForClock = true;
            logger.warn("Connection {}: {}", name, reason);
        }
        pendingAttempt = schedule(this::connect, CLOCK_POLL);
    }

    /** The broker accepted the link's CONNECT. */
    void sessionOpened(SessionLink opened, ConnAck connAck) {
        assert loop.isRunningHere();
        if (opened != link) {
            return;
        }
        logger.debug("Connection {}: the broker accepted the connection (session present: {})", name,
            connAck.sessionPresent());
        subscriptions.open(opened);
        connectedIfResubscribed();
        awaitResubscribed(opened);
    }

    /**
     * A broker that never answers a SUBSCRIBE would hold the session in CONNECTING for ever, its queue unsent and
     * no error shown: after {@code ack_timeout} the connection is made again, as for an unanswered message.
     */
    private void awaitResubscribed(SessionLink opened) {
        Duration limit = settings.ackTimeout();
        if (state != ConnectionState.CONNECTING || limit.isZero()) {
            return;
        }
        schedule(() -> {
            if (opened == link && state == ConnectionState.CONNECTING) {
                opened.abort(AckTimeoutException.subscribeUnanswered(limit.toSeconds()));
            }
        }, limit);
    }

    /** Reports CONNECTED once the broker answered for every subscription of the new session. */
    private void connectedIfResubscribed() {
        if (state != ConnectionState.CONNECTING || !subscriptions.resubscribed()) {
            return;
        }
        state = ConnectionState.CONNECTED;
        connectedSince = Instant.now();
        reconnectAttempts = 0;
        backoff.reset();
        SessionLink current = link;
        outbound.connected(transports.apply(current));
        ackWatchdog.start(settings.ackTimeout(), outbound::oldestSentAt,
            waited -> later(() -> acknowledgementOverdue(current, waited)));
        logger.info("Connection {}: connected to {}{} as {}, {} subscription(s)", name, activeServer,
            onBackup ? " (the backup server)" : "", settings.clientId(), subscriptions.size());
        if (onBackup) {
            ConnectionSettings checked = settings;
            primaryCheck.start(checked, () -> later(() -> returnToPrimary(checked)));
        }
        ConnectionStatus now = status.get();
        listeners.connected(now);
        events.get().connected(now);
    }

    private void acknowledgementOverdue(SessionLink overdue, long waitedSeconds) {
        if (overdue == link && state == ConnectionState.CONNECTED) {
            overdue.abort(new AckTimeoutException(waitedSeconds, settings.ackTimeout().toSeconds()));
        }
    }

    private void subscriptionRejected(String filter, String reason) {
        lastError = "subscription to '" + filter + "' rejected: " + reason;
        events.get().subscriptionFailed(status.get(), filter, reason);
    }

    /** An operator or bundle asked to reconnect: end what there is, and connect at once, without backoff. */
    void reconnectNow() {
        assert loop.isRunningHere();
        if (closed || settings == null) {
            return;
        }
        logger.info("Connection {}: reconnecting on request", name);
        endSession("a reconnect was requested");
        backoff.reset();
        servers.returnToPrimary();
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
            attemptFailed(cause);
        }
    }

    private void attemptFailed(Throwable error) {
        // the reason first: whoever sees the attempt counted also sees why it failed
        lastError = "connect to " + activeServer + " failed: " + FailureText.describe(error, settings, activeServer);
        reconnectAttempts++;
        servers.attemptFailed();
        // retrying sooner does not fix rejected credentials: do not hammer the broker
        Duration delay = scheduleAttempt(FailureText.refusesCredentials(error) ? backoff.longest() : backoff.next());
        logger.warn("Connection {}: {}; attempt {}, retrying in {} ms", name, lastError, reconnectAttempts,
            delay.toMillis());
    }

    private void connectionLost(Throwable cause) {
        boolean wasConnected = state == ConnectionState.CONNECTED;
        closeSession(true);
        lastError = "connection to " + activeServer + " lost: " + FailureText.describe(cause, settings, activeServer);
        Duration delay = scheduleAttempt(backoff.next());
        logger.warn("Connection {}: {}; reconnecting in {} ms", name, lastError, delay.toMillis());
        if (wasConnected) {
            ConnectionStatus now = status.get();
            listeners.disconnected(now, cause);
            events.get().disconnected(now, lastError);
        }
    }

    private Duration scheduleAttempt(Duration delay) {
        state = ConnectionState.DISCONNECTED;
        connectedSince = null;
        pendingAttempt = schedule(this::connect, delay);
        return delay;
    }

    /** Ends the current session on purpose: DISCONNECT is sent, so the broker drops the will. */
    private void endSession(String reason) {
        if (pendingAttempt != null) {
            pendingAttempt.cancel(false);
            pendingAttempt = null;
        }
        SessionLink ending = link;
        if (ending == null) {
            return;
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        link = null;
        closeSession(false);
        state = ConnectionState.DISCONNECTED;
        connectedSince = null;
        IllegalStateException cause = new IllegalStateException(reason);
        ending.disconnect(cause);
        logger.info("Connection {}: disconnected from {} because {}", name, activeServer, reason);
        if (wasConnected) {
            ConnectionStatus now = status.get();
            listeners.disconnected(now, cause);
            events.get().disconnected(now, reason);
        }
    }

    private void returnToPrimary(ConnectionSettings checked) {
        if (checked != settings || !onBackup || state != ConnectionState.CONNECTED) {
            return;
        }
        logger.info("Connection {}: the server {} accepts connections again; leaving the backup server {}", name,
            settings.server(), activeServer);
        endSession("the configured server is back");
        servers.returnToPrimary();
        backoff.reset();
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
        state = ConnectionState.CLOSED;
    }

    private ScheduledFuture<?> schedule(Runnable step, Duration delay) {
        try {
            return scheduler.schedule(() -> later(step), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
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
            if (closed || settings == null || state == ConnectionState.CONNECTED || pendingAttempt != null) {
                return;
            }
            SessionLink broken = link;
            link = null;
            closeSession(false);
            if (broken != null) {
                broken.abort(e);
            }
            scheduleAttempt(backoff.next());
        }
    }
}
