package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.internal.testbroker.ScriptedBroker;

/**
 * Configurations and connections for the reliability tests, and everything they open, closed in
 * reverse order after the test.
 */
final class TestConnections implements AutoCloseable {

    private final SettingsParser parser = new SettingsParser("reliability-test", "host");
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return a valid configuration: enabled, retrying every second, the given keys on top */
    ParsedConfiguration config(String server, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", server);
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        ParsedConfiguration configuration = parser.parseDefault(properties);
        assertThat(configuration.problems()).isEmpty();
        return configuration;
    }

    /**
     * @return a configuration for a scripted broker: MQTT 3.1.1 (the scripts answer its packets), retrying after 1 to
     *     2 s, the queue in memory, the given keys on top
     */
    ParsedConfiguration config(ScriptedBroker broker, Object... keyValues) {
        Object[] all = Stream.concat(Stream.of("protocol_version", "3.1.1", "reconnect_timeout_min", 1,
            "reconnect_timeout_max", 2, "queue_persistence", "memory"), Arrays.stream(keyValues)).toArray();
        return config(broker.address(), all);
    }

    /** @return a connection named "default" with its queue file in {@code dataArea} (null: none), configured */
    ManagedConnection open(Path dataArea, ParsedConfiguration configuration) {
        return open(dataArea, configuration, new RecordingLogger());
    }

    /** @return a connection named "default" logging to {@code logger}, configured */
    ManagedConnection open(Path dataArea, ParsedConfiguration configuration, RecordingLogger logger) {
        ManagedConnection connection = new ManagedConnection("default", logger.logger(),
            ClockCheck.system(Instant.EPOCH), dataArea);
        opened.add(connection::close);
        connection.apply(configuration);
        return connection;
    }

    <T extends AutoCloseable> T closeAfter(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
