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
import java.util.function.Supplier;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.transport.TransportException;

/**
 * The connection's state machine: connect, re-subscribe, report connected, and on any failure
 * retry with backoff, for ever. Every method but the getters runs on the connection's loop thread,
 * so the state needs no locks; the getters read volatile fields.
 */
final class ConnectionLoop {

    private static final Duration CLOCK_POLL = Duration.ofSeconds(1);

    private final String name;
    private final Logger logger;
    private final ScheduledExecutorService executor;
    private final OutboundQueue outbound;
    private final ConnectionListeners listeners;
    private final Supplier<ConnectionStatus> status;
    private final ManagedConnection.Callback callback;
    private final SessionSubscriptions subscriptions;
    private final ClockCheck clockCheck;
    private final Executor disposer;
    private final Supplier<ConnectionEvents> events;
    private final PrimaryCheck primaryCheck;

    private volatile ParsedConfiguration configuration;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile Instant connectedSince;
    private volatile int reconnectAttempts;
    private volatile String lastError;
    private volatile int maxQos = 2;
    private volatile int maxInboundPayload;
    private volatile ServerAddress activeServer;
    private volatile boolean onBackup;

    private ConnectionSettings settings;
    private MqttAsyncClient client;
    private Backoff backoff;
    private ServerRotation servers;
    private ScheduledFuture<?> pendingAttempt;
    private boolean closed;
    private boolean waitingForClock;

    ConnectionLoop(String name, Logger logger, ScheduledExecutorService executor, SubscriptionRegistry registry,
            OutboundQueue outbound, ConnectionListeners listeners, Supplier<ConnectionStatus> status,
            ManagedConnection.Callback callback, ClockCheck clockCheck, Executor disposer,
            Supplier<ConnectionEvents> events) {
        this.events = events;
        this.primaryCheck = new PrimaryCheck(executor, disposer, clockCheck.clock());
        this.name = name;
        this.disposer = disposer;
        this.clockCheck = clockCheck;
        this.logger = logger;
        this.executor = executor;
        this.outbound = outbound;
        this.listeners = listeners;
        this.status = status;
        this.callback = callback;
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

    /** @return the server of the current session or attempt (the backup while on it), null before the first */
    ServerAddress activeServer() {
        return activeServer;
    }

    boolean onBackup() {
        return onBackup;
    }

    void apply(ParsedConfiguration next) {
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
        }
        endSession("the configuration changed");
        settings = changed;
        maxQos = changed.maxQos();
        maxInboundPayload = changed.maxInboundPayload();
        backoff = new Backoff(changed.reconnectMin(), changed.reconnectMax(),
            () -> ThreadLocalRandom.current().nextDouble());
        servers = new ServerRotation(changed);
        reconnectAttempts = 0;
        lastError = null;
        connect();
    }

    private void connect() {
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
        MqttAsyncClient attempt;
        SocketFactory socketFactory;
        try {
            socketFactory = SecureTransports.socketFactory(settings.security(), clockCheck.clock());
            attempt = PahoClients.create(settings, target, new PromptPingSender(executor, settings.keepAliveSeconds()));
        } catch (TransportException | MqttException | RuntimeException e) {
            attemptFailed(e);
            return;
        }
        client = attempt;
        attempt.setCallback(callback.forClient(attempt));
        try {
            attempt.connect(PahoClients.options(settings, socketFactory), null, PahoClients.listener(
                token -> later(() -> sessionOpened(attempt), () -> disposeAbandoned(attempt, true)),
                (token, error) -> later(() -> connectFailed(attempt, error),
                    () -> disposeAbandoned(attempt, false))));
        } catch (MqttException | RuntimeException e) {
            connectFailed(attempt, e);
        }
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
        pendingAttempt = executor.schedule(() -> safely(this::connect), CLOCK_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sessionOpened(MqttAsyncClient opened) {
        if (opened != client) {
            // an attempt given up while it was connecting (configuration changed, closing) came through
            // after all: Paho started its threads for it, so it must be ended; off the loop thread,
            // since it belongs to no session any more
            disposeAbandoned(opened, true);
            return;
        }
        subscriptions.open(opened);
        connectedIfResubscribed();
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
        outbound.connected(callback.transport(client));
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

    private void subscriptionRejected(String filter, String reason) {
        lastError = "subscription to '" + filter + "' rejected: " + reason;
        events.get().subscriptionFailed(status.get(), filter, reason);
    }

    /** An operator or bundle asked to reconnect: end what there is, and connect at once, without backoff. */
    void reconnectNow() {
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
        subscriptions.sync();
    }

    private void connectFailed(MqttAsyncClient failed, Throwable error) {
        if (failed != client) {
            disposeAbandoned(failed, false);
            return;
        }
        client = null;
        PahoClients.dispose(failed, false);
        attemptFailed(error);
    }

    private void attemptFailed(Throwable error) {
        // the reason first: whoever sees the attempt counted also sees why it failed
        lastError = "connect to " + activeServer + " failed: " + PahoClients.describe(error, settings, activeServer);
        reconnectAttempts++;
        servers.attemptFailed();
        // retrying sooner does not fix rejected credentials: do not hammer the broker
        Duration delay = scheduleAttempt(PahoClients.isRejectedCredentials(error) ? backoff.longest() : backoff.next());
        logger.warn("Connection {}: {}; attempt {}, retrying in {} ms", name, lastError, reconnectAttempts,
            delay.toMillis());
    }

    void connectionLost(MqttAsyncClient lost, Throwable cause) {
        if (lost != client) {
            return;
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        client = null;
        closeSession(true);
        PahoClients.dispose(lost, false);
        lastError = "connection to " + activeServer + " lost: " + PahoClients.describe(cause, settings, activeServer);
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
        pendingAttempt = executor.schedule(() -> safely(this::connect), delay.toMillis(), TimeUnit.MILLISECONDS);
        return delay;
    }

    /** Ends the current session on purpose: DISCONNECT is sent, so the broker drops the will. */
    private void endSession(String reason) {
        if (pendingAttempt != null) {
            pendingAttempt.cancel(false);
            pendingAttempt = null;
        }
        MqttAsyncClient ending = client;
        if (ending == null) {
            return;
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        client = null;
        closeSession(false);
        state = ConnectionState.DISCONNECTED;
        connectedSince = null;
        PahoClients.dispose(ending, true);
        logger.info("Connection {}: disconnected from {} because {}", name, activeServer, reason);
        if (wasConnected) {
            ConnectionStatus now = status.get();
            listeners.disconnected(now, new IllegalStateException(reason));
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
        subscriptions.close();
        outbound.disconnected(lost);
    }

    void close() {
        endSession("the service is shutting down");
        closed = true;
        state = ConnectionState.CLOSED;
    }

    /**
     * Ends a client no session uses any more, off the loop thread; when the connection's threads are
     * gone (it closed while this client was connecting), on a thread of its own, so that no Paho
     * thread outlives the connection.
     */
    private void disposeAbandoned(MqttAsyncClient abandoned, boolean graceful) {
        Runnable dispose = () -> PahoClients.dispose(abandoned, graceful);
        try {
            disposer.execute(dispose);
        } catch (RejectedExecutionException e) {
            Thread thread = new Thread(dispose, "tether-" + name + "-dispose");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Runs a step on the loop thread, or {@code whenClosed} if the connection has closed. */
    private void later(Runnable step, Runnable whenClosed) {
        try {
            executor.execute(() -> safely(step));
        } catch (RejectedExecutionException e) {
            whenClosed.run();
        }
    }

    /** Runs a step on the loop thread; once the connection is closed, nothing waits for it any more. */
    void later(Runnable step) {
        later(step, () -> { });
    }

    /** No failure, however unexpected, may end the loop: it is logged and the connection retried. */
    private void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            logger.error("Connection {}: unexpected failure in the connection loop; retrying", name, e);
            if (closed || settings == null || state == ConnectionState.CONNECTED || pendingAttempt != null) {
                return;
            }
            MqttAsyncClient broken = client;
            client = null;
            closeSession(false);
            if (broken != null) {
                PahoClients.dispose(broken, false);
            }
            scheduleAttempt(backoff.next());
        }
    }
}
