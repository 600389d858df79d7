package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;

/**
 * Opens connections for the secure transport tests and closes them afterwards: configure, wait for
 * CONNECTED or for a failure reason, and prove a round trip through the broker.
 */
final class SecureConnections implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final SettingsParser parser = new SettingsParser("secure-test", "host");
    private final List<ManagedConnection> open = new ArrayList<>();
    private final RecordingLogger log = new RecordingLogger();
    private int counter;

    /** @return a configuration with fast retries, the given keys on top */
    ParsedConfiguration config(Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("client_id", "secure-test-" + (++counter));
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        ParsedConfiguration parsed = parser.parseDefault(properties);
        assertThat(parsed.problems()).as("configuration problems").isEmpty();
        return parsed;
    }

    ManagedConnection open(ParsedConfiguration configuration) {
        return open(configuration, Clock.systemUTC());
    }

    ManagedConnection open(ParsedConfiguration configuration, Clock clock) {
        ManagedConnection connection = new ManagedConnection("default", log.logger(),
            new ClockCheck(clock, Instant.parse("2026-01-01T00:00:00Z")), null);
        open.add(connection);
        connection.apply(configuration);
        return connection;
    }

    /** Connects, subscribes, publishes and receives its own message. */
    void assertRoundTrip(ParsedConfiguration configuration) throws Exception {
        assertRoundTrip(open(configuration));
    }

    static void assertRoundTrip(ManagedConnection connection) throws Exception {
        awaitConnected(connection);
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        connection.subscribe(List.of("secure/#"), 1, received::add).acknowledged().toCompletableFuture()
            .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connection.publish("secure/echo", "over TLS".getBytes(StandardCharsets.UTF_8), 1, false)
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
        MqttMessage message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("message received back").isNotNull();
        assertThat(message.payloadAsString()).isEqualTo("over TLS");
    }

    /** @return the reason the connection gives once an attempt has failed; asserts it never connected */
    String awaitFailure(ParsedConfiguration configuration) {
        ManagedConnection connection = open(configuration);
        await().atMost(CONNECT_TIMEOUT).until(() -> connection.status().reconnectAttempts() > 0);
        assertThat(connection.state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);
        return connection.status().lastError().orElseThrow();
    }

    static void awaitConnected(ManagedConnection connection) {
        await().atMost(CONNECT_TIMEOUT).untilAsserted(() -> assertThat(connection.state())
            .as("state; last error %s", connection.status().lastError()).isEqualTo(ConnectionState.CONNECTED));
    }

    /** @return everything the connections logged */
    List<String> logged() {
        return log.lines();
    }

    @Override
    public void close() {
        open.forEach(ManagedConnection::close);
        open.clear();
    }
}
