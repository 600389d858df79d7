package dev.tether.mqtt.internal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A valid configuration of one connection, with defaults applied. Two equal settings describe the
 * same connection, so an update that changes nothing does not reconnect.
 */
public record ConnectionSettings(
        String name,
        ServerAddress server,
        Optional<ServerAddress> backupServer,
        Duration primaryCheckInterval,
        Security security,
        String clientId,
        String user,
        Secret password,
        ProtocolChoice protocol,
        boolean cleanSession,
        long sessionExpirySeconds,
        int keepAliveSeconds,
        Duration connectTimeout,
        Duration ackTimeout,
        Duration reconnectMin,
        Duration reconnectMax,
        Optional<Will> will,
        int maxQos,
        int maxQueueLength,
        int maxQueueBytes,
        QueueOverflow queueOverflow,
        boolean persistentQueue,
        QueueSync queueSync,
        int maxInboundPayload,
        boolean requireTime,
        Monitoring monitoring) {
}
