package dev.tether.mqtt.internal.connection;

import java.time.Instant;
import java.util.Optional;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.session.BrokerTerms;

/**
 * What the connection's state machine shows to other threads: written by the state machine only, read by status,
 * publish and subscribe from any thread.
 */
final class LoopStatus {

    volatile ParsedConfiguration configuration;
    volatile ConnectionState state = ConnectionState.CONNECTING;
    volatile Instant connectedSince;
    /** Since when the connection is not CONNECTED: its creation, or its last loss or end. */
    volatile long notConnectedSinceNanos = System.nanoTime();
    volatile int reconnectAttempts;
    volatile String lastError;
    volatile int maxQos = 2;
    volatile int maxInboundPayload;
    /** The server of the current session or attempt (the backup while on it); null before the first. */
    volatile ServerAddress activeServer;
    volatile boolean onBackup;
    /** Whether the broker discards the session at each connect ({@code clean_session}). */
    volatile boolean cleanSession = true;
    /** What the broker's CONNACK decided for the current session; null while not connected. */
    volatile BrokerTerms terms;

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

    ServerAddress activeServer() {
        return activeServer;
    }

    boolean onBackup() {
        return onBackup;
    }

    boolean cleanSession() {
        return cleanSession;
    }

    /** @return the MQTT version of the current session; empty while not connected */
    Optional<String> protocolVersion() {
        BrokerTerms current = terms;
        return current == null ? Optional.empty() : Optional.of(current.protocolVersion());
    }

    /** @return the broker's Response Information in the current session, if it gave one */
    Optional<String> responseInformation() {
        BrokerTerms current = terms;
        return current == null ? Optional.empty() : current.responseInformation();
    }

    /** The state machine is not connected: it waits for the next attempt, or for the configuration. */
    void disconnected(ConnectionState newState) {
        if (state == ConnectionState.CONNECTED) {
            notConnectedSinceNanos = System.nanoTime();
        }
        state = newState;
        connectedSince = null;
        terms = null;
    }
}
