package dev.tether.mqtt.internal.connection;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionMetrics;
import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.Monitoring;

/**
 * Publishes a connection's status to its {@code status_topic}: retained, QoS 1, at once on every connect (the birth)
 * and every {@code status_interval} while connected. The death is the will, set in CONNECT (see
 * {@link ConnectPackets}), and, since an orderly DISCONNECT makes the broker drop the will, the same document published
 * by {@link #offline()} before it. A connection listener of the connection itself, so it runs on a Tether thread.
 */
final class StatusTopic implements ConnectionListener {

    /** Publishes one retained QoS 1 message through the connection. */
    @FunctionalInterface
    interface Publisher {
        /** @return completes once the broker has acknowledged the message */
        CompletionStage<Void> publish(String topic, byte[] payload);
    }

    private final String name;
    private final Logger logger;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Optional<ConnectionSettings>> settings;
    private final Supplier<ConnectionMetrics> metrics;
    private final Supplier<ConnectionStatus> status;
    private final Publisher publisher;
    private ScheduledFuture<?> repeating;

    StatusTopic(String name, Logger logger, ScheduledExecutorService scheduler,
            Supplier<Optional<ConnectionSettings>> settings, Supplier<ConnectionStatus> status,
            Supplier<ConnectionMetrics> metrics, Publisher publisher) {
        this.name = name;
        this.logger = logger;
        this.scheduler = scheduler;
        this.settings = settings;
        this.status = status;
        this.metrics = metrics;
        this.publisher = publisher;
    }

    @Override
    public synchronized void connected(ConnectionStatus now) {
        stop();
        Optional<Monitoring> monitoring = settings.get().map(ConnectionSettings::monitoring)
            .filter(wanted -> wanted.statusTopic().isPresent());
        if (monitoring.isEmpty()) {
            return;
        }
        String topic = monitoring.get().statusTopic().get();
        publish(topic);
        long interval = monitoring.get().statusInterval().toMillis();
        try {
            repeating = scheduler.scheduleAtFixedRate(() -> publish(topic), interval, interval,
                TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // Tether is stopping
        }
    }

    @Override
    public synchronized void disconnected(ConnectionStatus now, Throwable cause) {
        stop();
    }

    /**
     * Stops the repeated status and, while connected with a {@code status_topic}, publishes the will's offline
     * document there: for an orderly disconnect, after which the broker drops the will and the topic would go on
     * reading online.
     *
     * @return completes once the broker has it; empty when nothing was published
     */
    synchronized Optional<CompletionStage<Void>> offline() {
        stop();
        Optional<ConnectionSettings> current = settings.get();
        Optional<String> topic = current.map(ConnectionSettings::monitoring).flatMap(Monitoring::statusTopic);
        if (topic.isEmpty() || status.get().state() != ConnectionState.CONNECTED) {
            return Optional.empty();
        }
        try {
            return Optional.of(publisher.publish(topic.get(),
                StatusDocument.offline(current.get().name(), current.get().clientId())));
        } catch (RuntimeException e) {
            logger.warn("Connection {}: offline status not published to {}: {}", name, topic.get(), e.toString());
            return Optional.empty();
        }
    }

    synchronized void stop() {
        if (repeating != null) {
            repeating.cancel(false);
            repeating = null;
        }
    }

    private void publish(String topic) {
        try {
            publisher.publish(topic, StatusDocument.online(status.get(), metrics.get()));
        } catch (RuntimeException e) {
            logger.warn("Connection {}: status not published to {}: {}", name, topic, e.toString());
        }
    }
}
