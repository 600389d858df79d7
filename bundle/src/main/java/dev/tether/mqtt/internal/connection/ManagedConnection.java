package dev.tether.mqtt.internal.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.Registration;
import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.metrics.ConnectionMeter;
import dev.tether.mqtt.internal.queue.MessageJournal;
import dev.tether.mqtt.internal.queue.OutboundMessage;
import dev.tether.mqtt.internal.queue.OutboundQueue;
import dev.tether.mqtt.internal.queue.QueueFiles;
import dev.tether.mqtt.internal.queue.QueueStorage;
import dev.tether.mqtt.internal.topic.TopicFilter;
import dev.tether.mqtt.internal.topic.Topics;

/**
 * One named connection for its whole life: it outlives every configuration change and reconnect, and keeps the
 * subscriptions, the outbound queue and the listeners across them. Its state machine ({@link ConnectionLoop}) runs
 * one step at a time on the shared workers; publish and subscribe are safe from any thread.
 */
public final class ManagedConnection {

    /** Most QoS 1/2 messages sent and not yet acknowledged. */
    static final int MAX_INFLIGHT = 1000;
    private static final int LISTENER_MAILBOX_CAPACITY = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;
    private static final long JOURNAL_FLUSH_MILLIS = 1000;
    /** How long closing waits for the broker's answers to what was sent, like Paho's quiesce (30 s there). */
    private static final long QUIET_CLOSE_MILLIS = 1000;

    private final String name;
    private final Logger logger;
    private final SharedThreads threads;
    private final SerialExecutor serial;
    private final BurstExecutor deliveries;
    private final CompletionExecutor completions;
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final OutboundQueue outbound;
    private final QueueStorage storage;
    private final ConnectionListeners listeners;
    private final ConnectionLoop loop;
    private final LinkEvents linkEvents;
    private final ScheduledFuture<?> journalFlush;
    private final Requests requests;
    private final ConnectionMeter meter;
    private final ScheduledFuture<?> sampling;
    private final StatusTopic statusTopic;
    private volatile ConnectionEvents events = ConnectionEvents.NONE;

    /**
     * @param name          the connection's name
     * @param logger        where to log
     * @param clockCheck    the clock and the earliest plausible time ({@code require_time})
     * @param journalFolder where a persistent queue keeps its files; null if there is no file system
     */
    public ManagedConnection(String name, Logger logger, ClockCheck clockCheck, Path journalFolder) {
        this(name, logger, clockCheck, journalFolder, QueueFiles.DEFAULT);
    }

    /** @param queueFiles opens the queue's files (tests give one that fails as a full disk does) */
    ManagedConnection(String name, Logger logger, ClockCheck clockCheck, Path journalFolder, QueueFiles queueFiles) {
        this.name = name;
        this.logger = logger;
        this.threads = SharedThreads.acquire();
        this.serial = new SerialExecutor(threads.workers());
        this.deliveries = new BurstExecutor(threads.workers());
        this.completions = new CompletionExecutor(deliveries, threads.scheduler(), CompletionExecutor.STUCK);
        this.storage = new QueueStorage(name, logger,
            journalFolder == null ? null : journalFolder.resolve("queue-" + name), queueFiles);
        this.outbound = new OutboundQueue(MAX_INFLIGHT, 0, completions, storage::remove);
        this.listeners = new ConnectionListeners(threads.workers(), logger);
        this.meter = new ConnectionMeter(name, clockCheck.clock());
        this.linkEvents = new LinkEvents(name, logger, registry, outbound, storage, meter);
        this.loop = new ConnectionLoop(name, logger, serial, threads, registry, outbound, listeners, this::status,
            clockCheck, () -> events, linkEvents, linkEvents::transport, meter);
        linkEvents.attach(loop);
        outbound.onOverflow(() -> {
            ConnectionStatus full = status();
            meter.queueOverflow("the queue is full: " + full.queuedMessages() + " messages");
            events.queueOverflow(full);
        });
        this.statusTopic = new StatusTopic(name, logger, threads.scheduler(), this::settings, this::status,
            this::metrics, (topic, payload) -> publish(topic, payload, 1, true));
        listeners.add(statusTopic);
        long sampleMillis = ConnectionMetrics.SAMPLE_INTERVAL.toMillis();
        this.sampling = threads.scheduler().scheduleAtFixedRate(() -> meter.sample(queueFigures()), sampleMillis,
            sampleMillis, TimeUnit.MILLISECONDS);
        this.requests = new Requests(this::publish,
            (topic, listener) -> subscribe(List.of(topic), SubscriptionOptions.qos(1), listener),
            this::responseTopic, () -> loop.status().protocolVersion(), threads.scheduler(), completions);
        this.journalFlush = threads.scheduler().scheduleWithFixedDelay(() -> threads.workers().execute(storage::flush),
            JOURNAL_FLUSH_MILLIS, JOURNAL_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The broker drops the will on DISCONNECT: a {@code status_topic} is told offline before, as the will would. */
    private void sayOffline() {
        statusTopic.offline().ifPresent(sent -> {
            try {
                sent.toCompletableFuture().get(QUIET_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                logger.debug("Connection {}: offline status not acknowledged before closing: {}", name, e.toString());
            }
        });
    }

    /** Waits a moment at most for the broker's answers to what was sent. */
    private void awaitAnswers() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_CLOSE_MILLIS);
        while (linkEvents.awaitingAnswers() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    public String name() {
        return name;
    }

    /** @return the shared workers, for work that belongs to this connection but needs no thread of its own */
    public Executor executor() {
        return threads.workers();
    }

    /** Applies a (new) configuration: connects, reconnects to new settings, or stops on invalid ones. */
    public void apply(ParsedConfiguration configuration) {
        configuration.settings().ifPresent(settings -> {
            outbound.setCapacity(settings.maxQueueLength(), settings.maxQueueBytes(), settings.queueOverflow());
            storage.use(settings.persistentQueue(), settings.queueSync(), outbound);
        });
        loop.later(() -> loop.apply(configuration));
    }

    public CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return publish(topic, payload, qos, retain, MessageProperties.NONE);
    }

    public CompletionStage<Void> publish(OutgoingMessage message) {
        return publish(message.topic(), message.payload(), message.qos(), message.retain(), message.properties());
    }

    private CompletionStage<Void> publish(String topic, byte[] payload, int qos, boolean retain,
            MessageProperties properties) {
        Objects.requireNonNull(payload, "payload");
        Topics.requireValidTopic(topic);
        Topics.requireValidQos(qos);
        Topics.requirePayloadFits(topic, payload, qos);
        ParsedConfiguration configuration = loop.status().configuration();
        if (configuration != null && configuration.settings().isEmpty()) {
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.CONFIGURATION_ERROR,
                "connection '" + name + "' is not configured correctly: " + configuration.describeProblems()));
        }
        OutboundMessage message = new OutboundMessage(topic, payload, Math.min(qos, loop.status().maxQos()), retain,
            properties);
        try {
            storage.storeAndQueue(message, outbound);
        } catch (MessageJournal.JournalException e) {
            logger.error("Connection {}: {}", name, e.getMessage());
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.STORE_FAILED,
                "message to " + topic + " not accepted: " + e.getMessage(), e));
        }
        return message.completion();
    }

    public CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout) {
        return requests.request(request, timeout);
    }

    /** Below the broker's Response Information when it gave one [MQTT-4.10], else below Tether's own prefix. */
    private String responseTopic() {
        ParsedConfiguration configuration = loop.status().configuration();
        String clientId = configuration == null ? name : configuration.clientId();
        return loop.status().responseInformation().map(base -> base + "/tether")
            .orElse("tether/response/" + Topics.asTopicLevel(clientId.isEmpty() ? name : clientId));
    }

    public MqttSubscription subscribe(List<String> filters, int qos, MqttMessageListener listener) {
        Topics.requireValidQos(qos);
        return subscribe(filters, SubscriptionOptions.qos(qos), listener);
    }

    public MqttSubscription subscribe(List<String> filters, SubscriptionOptions options, MqttMessageListener listener) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("at least one topic filter is needed");
        }
        List<TopicFilter> parsed = filters.stream().map(TopicFilter::of).toList();
        SubscriptionOptions capped = new SubscriptionOptions(Math.min(options.qos(), loop.status().maxQos()),
            options.noLocal(), options.retainAsPublished(), options.retainHandling());
        Subscriber subscriber = new Subscriber(parsed, capped, listener,
            new Mailbox(deliveries, LISTENER_MAILBOX_CAPACITY), completions, logger, this::unsubscribe, meter);
        registry.add(subscriber);
        loop.later(loop::syncSubscriptions);
        return subscriber;
    }

    private void unsubscribe(Subscriber subscriber) {
        registry.remove(subscriber);
        loop.later(loop::syncSubscriptions);
    }

    /** @param announced where connection events go from now on; {@link ConnectionEvents#NONE} for nowhere */
    public void events(ConnectionEvents announced) {
        events = announced;
    }

    public Registration addConnectionListener(ConnectionListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public ConnectionState state() {
        return loop.status().state();
    }

    /** Ends the session or attempt and connects again at once; see {@link dev.tether.mqtt.MqttService#reconnect()}. */
    public void reconnect() {
        loop.later(loop::reconnectNow);
    }

    /** @return how long the connection has not been CONNECTED; empty while it is */
    public Optional<Duration> notConnectedFor() {
        if (loop.status().state() == ConnectionState.CONNECTED) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(System.nanoTime() - loop.status().notConnectedSinceNanos));
    }

    /** @return how full the queue of waiting messages is, 0 to 1, against max_queue_length and max_queue_bytes */
    public double queueFill() {
        return outbound.fill();
    }

    /** @return the settings in use; empty before the first configuration and while it is invalid */
    public Optional<ConnectionSettings> settings() {
        ParsedConfiguration configuration = loop.status().configuration();
        return configuration == null ? Optional.empty() : configuration.settings();
    }

    /** @return what the connection has done since it was configured; see {@link ConnectionMetrics} */
    public ConnectionMetrics metrics() {
        return meter.snapshot(queueFigures());
    }

    private ConnectionMeter.QueueFigures queueFigures() {
        return new ConnectionMeter.QueueFigures() {
            @Override
            public int queued() {
                return outbound.size();
            }

            @Override
            public long queuedBytes() {
                return outbound.waitingBytes();
            }

            @Override
            public int inFlight() {
                return outbound.inflightCount();
            }

            @Override
            public long dropped() {
                return outbound.droppedCount();
            }
        };
    }

    public ConnectionStatus status() {
        ParsedConfiguration configuration = loop.status().configuration();
        ServerAddress active = configuration == null || configuration.settings().isEmpty() ? null
            : loop.status().activeServer();
        String server = configuration == null ? "" : active != null ? active.uri() : configuration.server();
        String clientId = configuration == null ? "" : configuration.clientId();
        Instant since = loop.status().connectedSince();
        Optional<Duration> oldestAge = outbound.oldestAcceptedAt().stream()
            .mapToObj(acceptedAt -> Duration.ofMillis(Math.max(0, System.currentTimeMillis() - acceptedAt)))
            .findFirst();
        return new StatusSnapshot(name, loop.status().state(), server, active != null && loop.status().onBackup(), clientId,
            Optional.ofNullable(since), loop.status().reconnectAttempts(), Optional.ofNullable(loop.status().lastError()),
            registry.status(loop.subscriptions()), outbound.size(), outbound.inflightCount(), oldestAge,
            outbound.droppedCount(), linkEvents.sent(), linkEvents.received(), Optional.ofNullable(loop.status().terms));
    }

    /**
     * Disconnects gracefully (the broker drops the will, so a {@code status_topic} is told offline first), fails what
     * is still queued, and lets go of the shared threads. Waits a few seconds at most.
     */
    public void close() {
        sayOffline();
        try {
            // what the state machine was asked to do before is done (an UNSUBSCRIBE of a listener that just went
            // away is sent), then its answers and those of messages in flight may come before DISCONNECT: a broker
            // that answers a closed connection logs a failure, and an acknowledged message is not sent again later
            CompletableFuture.runAsync(() -> { }, serial).get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            awaitAnswers();
            CompletableFuture.runAsync(loop::close, serial).get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            logger.warn("Connection {} did not close cleanly", name, e);
        }
        serial.shutdown();
        journalFlush.cancel(false);
        sampling.cancel(false);
        statusTopic.stop();
        requests.close();
        outbound.close(new MqttServiceException(Reason.CLOSED, "the MQTT connection '" + name + "' was shut down"
            + (storage.persistent() ? "; the message stays in the queue file and is sent after the next start" : "")));
        registry.closeAll();
        listeners.clear();
        storage.close();
        threads.release();
    }
}
