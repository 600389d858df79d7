package dev.tether.mqtt.internal.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.topic.TopicFilter;
import dev.tether.mqtt.internal.topic.Topics;

/**
 * One named connection for its whole life: it outlives every configuration change and reconnect,
 * and keeps the subscriptions, the outbound queue and the listeners across them. The state machine
 * ({@link ConnectionLoop}) runs on one thread of its own; publish and subscribe are safe from any thread.
 */
public final class ManagedConnection {

    private static final int LISTENER_MAILBOX_CAPACITY = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;
    private static final long JOURNAL_FLUSH_MILLIS = 1000;

    private final String name;
    private final Logger logger;
    private final ConnectionThreads threads;
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final OutboundQueue outbound;
    private final ConnectionListeners listeners;
    private final ConnectionLoop loop;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final Path journalFile;
    /** Publishers append under the read lock; switching between memory and file takes the write lock. */
    private final ReadWriteLock journalLock = new ReentrantReadWriteLock();
    private volatile MessageJournal journal = MessageJournal.MEMORY;
    private volatile ConnectionEvents events = ConnectionEvents.NONE;

    /**
     * @param name          the connection's name
     * @param logger        where to log
     * @param clockCheck    the clock and the earliest plausible time ({@code require_time})
     * @param journalFolder where a persistent queue keeps its file; null if there is no file system
     */
    public ManagedConnection(String name, Logger logger, ClockCheck clockCheck, Path journalFolder) {
        this.name = name;
        this.logger = logger;
        this.journalFile = journalFolder == null ? null : journalFolder.resolve("queue-" + name + ".mv");
        this.threads = new ConnectionThreads(name);
        this.outbound = new OutboundQueue(PahoClients.MAX_INFLIGHT, 0, threads.completions(),
            message -> journal.remove(message));
        this.listeners = new ConnectionListeners(threads.delivery(), logger);
        this.loop = new ConnectionLoop(name, logger, threads.loop(), registry, outbound, listeners, this::status,
            new Callback(), clockCheck, threads.delivery(), () -> events);
        outbound.onOverflow(() -> events.queueOverflow(status()));
        threads.loop().scheduleWithFixedDelay(() -> journal.flush(), JOURNAL_FLUSH_MILLIS, JOURNAL_FLUSH_MILLIS,
            TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    /** Applies a (new) configuration: connects, reconnects to new settings, or stops on invalid ones. */
    public void apply(ParsedConfiguration configuration) {
        configuration.settings().ifPresent(settings -> {
            outbound.setCapacity(settings.maxQueueLength(), settings.queueOverflow());
            useJournal(settings.persistentQueue());
        });
        execute(() -> loop.apply(configuration));
    }

    /**
     * Opens the queue file (and queues what an earlier run left in it) or goes back to memory (and
     * deletes the file), carrying the messages queued now across.
     */
    private void useJournal(boolean persistent) {
        journalLock.writeLock().lock();
        try {
            if (persistent == (journal != MessageJournal.MEMORY)) {
                return;
            }
            if (!persistent) {
                journal.delete();
                journal = MessageJournal.MEMORY;
                logger.info("Connection {}: the queue is kept in memory only (queue_persistence=memory)", name);
                return;
            }
            if (journalFile == null) {
                logger.error("Connection {}: queue_persistence=file, but the framework gives this bundle no data area;"
                    + " the queue is kept in memory only", name);
                return;
            }
            FileJournal opened = FileJournal.open(journalFile, logger);
            List<OutboundMessage> recovered;
            try {
                recovered = opened.recover();
                opened.appendAll(outbound.pending());
            } catch (MessageJournal.JournalException | RuntimeException e) {
                opened.close();
                throw e;
            }
            journal = opened;
            if (!recovered.isEmpty()) {
                logger.info("Connection {}: {} message(s) from the last run queued from {}", name, recovered.size(),
                    journalFile);
                outbound.restore(recovered);
            }
        } catch (MessageJournal.JournalException e) {
            logger.error("Connection {}: {}; the queue is kept in memory only", name, e.getMessage(), e);
        } finally {
            journalLock.writeLock().unlock();
        }
    }

    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        Objects.requireNonNull(payload, "payload");
        Topics.requireValidTopic(topic);
        Topics.requireValidQos(qos);
        ParsedConfiguration configuration = loop.configuration();
        if (configuration != null && configuration.settings().isEmpty()) {
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.CONFIGURATION_ERROR,
                "connection '" + name + "' is not configured correctly: " + configuration.describeProblems()));
        }
        OutboundMessage message = new OutboundMessage(topic, payload, Math.min(qos, loop.maxQos()), retain);
        journalLock.readLock().lock();
        try {
            if (message.qos > 0) {
                journal.append(message);
            }
            outbound.publish(message);
        } catch (MessageJournal.JournalException e) {
            logger.error("Connection {}: {}", name, e.getMessage());
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.STORE_FAILED,
                "message to " + topic + " not accepted: " + e.getMessage(), e));
        } finally {
            journalLock.readLock().unlock();
        }
        return message.completion.minimalCompletionStage();
    }

    public MqttSubscription subscribe(List<String> filters, int qos, MqttMessageListener listener) {
        Objects.requireNonNull(listener, "listener");
        Topics.requireValidQos(qos);
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("at least one topic filter is needed");
        }
        List<TopicFilter> parsed = filters.stream().map(TopicFilter::of).toList();
        Subscriber subscriber = new Subscriber(parsed, Math.min(qos, loop.maxQos()), listener,
            new Mailbox(threads.delivery(), LISTENER_MAILBOX_CAPACITY), threads.completions(), logger,
            this::unsubscribe);
        registry.add(subscriber);
        execute(loop::syncSubscriptions);
        return subscriber;
    }

    private void unsubscribe(Subscriber subscriber) {
        registry.remove(subscriber);
        execute(loop::syncSubscriptions);
    }

    /** @param announced where connection events go from now on; {@link ConnectionEvents#NONE} for nowhere */
    public void events(ConnectionEvents announced) {
        events = announced;
    }

    public Registration addConnectionListener(ConnectionListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public ConnectionState state() {
        return loop.state();
    }

    /** Ends the session or attempt and connects again at once; see {@link dev.tether.mqtt.MqttService#reconnect()}. */
    public void reconnect() {
        execute(loop::reconnectNow);
    }

    public ConnectionStatus status() {
        ParsedConfiguration configuration = loop.configuration();
        ServerAddress active = configuration == null || configuration.settings().isEmpty() ? null
            : loop.activeServer();
        String server = configuration == null ? "" : active != null ? active.uri() : configuration.server();
        String clientId = configuration == null ? "" : configuration.clientId();
        Instant since = loop.connectedSince();
        Optional<Duration> oldestAge = outbound.oldestAcceptedAt().stream()
            .mapToObj(acceptedAt -> Duration.ofMillis(Math.max(0, System.currentTimeMillis() - acceptedAt)))
            .findFirst();
        return new StatusSnapshot(name, loop.state(), server, active != null && loop.onBackup(), clientId, Optional.ofNullable(since),
            loop.reconnectAttempts(), Optional.ofNullable(loop.lastError()), registry.status(),
            outbound.size(), outbound.inflightCount(), oldestAge, outbound.droppedCount(), sent.get(),
            received.get());
    }

    /**
     * Disconnects gracefully (the broker drops the will), fails what is still queued, and ends
     * every thread of this connection. Waits a few seconds at most.
     */
    public void close() {
        try {
            threads.loop().submit(loop::close).get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            logger.warn("Connection {} did not close cleanly", name, e);
        }
        boolean persistent = journal != MessageJournal.MEMORY;
        outbound.close(new MqttServiceException(Reason.CLOSED, "the MQTT connection '" + name + "' was shut down"
            + (persistent ? "; the message stays in the queue file and is sent after the next start" : "")));
        registry.closeAll();
        listeners.clear();
        threads.shutdown();
        journalLock.writeLock().lock();
        try {
            journal.close();
            journal = MessageJournal.MEMORY;
        } finally {
            journalLock.writeLock().unlock();
        }
    }

    private void execute(Runnable task) {
        loop.later(task);
    }

    /** Paho's callbacks for the loop's current client; events of an older client are ignored there. */
    final class Callback {

        MqttCallback forClient(MqttAsyncClient client) {
            return new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    execute(() -> loop.connectionLost(client, cause));
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    dispatch(topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // completions are reported per message through each publish's own listener
                }
            };
        }

        OutboundQueue.Transport transport(MqttAsyncClient client) {
            return (message, attempt) -> {
                try {
                    client.publish(message.topic, message.payload, message.qos, message.retain, null,
                        PahoClients.listener(token -> {
                            sent.incrementAndGet();
                            outbound.completed(message, attempt);
                        }, (token, error) -> outbound.failed(message, attempt, publishFailure(message, error),
                            PahoClients.isConnectionLoss(error))));
                } catch (MqttException e) {
                    if (PahoClients.isConnectionLoss(e)) {
                        throw new OutboundQueue.TransportClosedException(e);
                    }
                    throw publishFailure(message, e);
                }
            };
        }
    }

    private static MqttServiceException publishFailure(OutboundMessage message, Throwable error) {
        Reason reason = PahoClients.isConnectionLoss(error) ? Reason.NOT_CONNECTED : Reason.BROKER_REJECTED;
        return new MqttServiceException(reason,
            "publishing to " + message.topic + " failed: " + PahoClients.describe(error), error);
    }

    private void dispatch(String topic, org.eclipse.paho.client.mqttv3.MqttMessage received) {
        this.received.incrementAndGet();
        byte[] payload = received.getPayload();
        int limit = loop.maxInboundPayload();
        if (limit > 0 && payload.length > limit) {
            long count = oversized.incrementAndGet();
            logger.warn("Connection {}: dropped a {}-byte message to {}: larger than recv_mbuf_limit={} ({} so far)",
                name, payload.length, topic, limit, count);
            return;
        }
        MqttMessage message = new MqttMessage(topic, payload, received.getQos(), received.isRetained(),
            received.isDuplicate());
        if (registry.dispatch(message) == 0) {
            logger.debug("Connection {}: no listener for a message to {}", name, topic);
        }
    }
}
