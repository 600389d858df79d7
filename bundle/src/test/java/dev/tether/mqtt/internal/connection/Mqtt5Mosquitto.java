package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.OutgoingMessage;
import dev.tether.mqtt.internal.config.ParsedConfiguration;
import dev.tether.mqtt.internal.config.SettingsParser;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;

/**
 * A Mosquitto 2.0 broker for the MQTT 5 tests, with everything a test opens against it: Tether connections
 * (MQTT 5 unless asked otherwise, the queue in memory, reconnecting after 1 s), {@code mosquitto_sub -V 5}
 * witnesses and {@code mosquitto_pub} publishers, all closed in reverse order by {@link #close()}. The broker logs
 * everything ({@code log_type all}), so a test can read what it received and sent in its own words.
 */
final class Mqtt5Mosquitto implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MosquittoProcess process;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final SettingsParser parser = new SettingsParser("mqtt5-mosquitto", "host");
    private final AtomicInteger witnesses = new AtomicInteger();

    private Mqtt5Mosquitto(MosquittoProcess process) {
        this.process = process;
    }

    /** @return a builder of a broker in {@code work}; skips the test when Mosquitto is not installed */
    static Builder in(Path work) {
        Assumptions.assumeTrue(MosquittoProcess.available(), "mosquitto is not installed");
        return new Builder(work);
    }

    int port() {
        return process.port("plain");
    }

    /** @return HOST:PORT of the broker, as {@code server} takes it */
    String server() {
        return "127.0.0.1:" + port();
    }

    /** @return a configuration of this broker for a client id: MQTT 5, the queue in memory, the keys on top */
    ParsedConfiguration config(String clientId, Object... keyValues) {
        return configFor(server(), clientId, keyValues);
    }

    /** @return the same as {@link #config} for another server, such as a proxy in front of this broker */
    ParsedConfiguration configFor(String server, String clientId, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enable", true);
        properties.put("server", server);
        properties.put("client_id", clientId);
        properties.put("protocol_version", "5");
        properties.put("queue_persistence", "memory");
        properties.put("reconnect_timeout_min", 1);
        properties.put("reconnect_timeout_max", 1);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        ParsedConfiguration configuration = parser.parseDefault(properties);
        assertThat(configuration.problems()).isEmpty();
        return configuration;
    }

    /** @return a connection not configured yet, so that listeners can subscribe before it connects */
    ManagedConnection unconfigured(String name) {
        ManagedConnection connection = new ManagedConnection(name, new RecordingLogger().logger(),
            ClockCheck.system(Instant.EPOCH), null);
        opened.add(connection::close);
        return connection;
    }

    /** @return a connection with the client id and keys of {@link #config}, once it is CONNECTED */
    ManagedConnection connect(String clientId, Object... keyValues) {
        ManagedConnection connection = unconfigured(clientId);
        connection.apply(config(clientId, keyValues));
        awaitConnected(connection);
        return connection;
    }

    static void awaitConnected(ManagedConnection connection) {
        await().atMost(TIMEOUT).until(connection::state, ConnectionState.CONNECTED::equals);
    }

    /** @return a {@code mosquitto_sub -V 5} subscribed to the filter at QoS 1 (the SUBACK came), with more args */
    Mqtt5MosquittoSub mosquittoSub(String filter, String... moreArguments) {
        String clientId = "mosquitto_sub-" + witnesses.incrementAndGet();
        return closeAfter(Mqtt5MosquittoSub.start(port(), clientId,
            id -> logLines("Sending SUBACK to " + Pattern.quote(id) + "$") > 0, filter, moreArguments));
    }

    /** Runs {@code mosquitto_pub -V 5} with the arguments (-t, -m, -q, -D ...) and waits until it is done. */
    void mosquittoPub(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-V", "5", "-h", "127.0.0.1",
            "-p", String.valueOf(port())));
        command.addAll(Arrays.asList(arguments));
        Process pub = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(pub.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("mosquitto_pub exited").isTrue();
        String output = new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pub.exitValue()).as("mosquitto_pub exit status; it said: %s", output).isZero();
    }

    /** @return Mosquitto's log so far */
    String log() {
        try {
            return Files.readString(process.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how many lines of Mosquitto's log match the regular expression (anywhere in the line) */
    long logLines(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return log().lines().filter(line -> pattern.matcher(line).find()).count();
    }

    /** @return the times (seconds since the epoch, as Mosquitto logs) of the log lines matching the expression */
    List<Long> logTimes(String regex) {
        Pattern pattern = Pattern.compile("^(\\d+): .*" + regex);
        List<Long> times = new ArrayList<>();
        for (String line : log().lines().toList()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                times.add(Long.parseLong(matcher.group(1)));
            }
        }
        return times;
    }

    /** @return the regular expression of Mosquitto's log line for a client that connected with that id */
    static String connectedAs(String clientId) {
        return "New client connected from .* as " + Pattern.quote(clientId) + " \\(";
    }

    <T extends AutoCloseable> T closeAfter(T resource) {
        opened.add(resource);
        return resource;
    }

    /**
     * Answers a request as {@link dev.tether.mqtt.MqttService#respond} does: the payload to its Response Topic, with
     * its Correlation Data, at its QoS.
     */
    static CompletionStage<Void> respond(ManagedConnection connection, MqttMessage request, byte[] payload) {
        OutgoingMessage.Builder response = OutgoingMessage.to(request.properties().responseTopic().orElseThrow())
            .payload(payload).qos(request.qos());
        request.properties().correlationData().ifPresent(response::correlationData);
        return connection.publish(response.build());
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
        process.close();
    }

    /** Collects the messages a listener receives. */
    static final class Inbox implements MqttMessageListener {

        private final List<MqttMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public void messageArrived(MqttMessage message) {
            messages.add(message);
        }

        List<MqttMessage> messages() {
            return List.copyOf(messages);
        }

        List<String> payloads() {
            return messages.stream().map(MqttMessage::payloadAsString).toList();
        }

        /** @return the first message whose payload is that text, once it arrived */
        MqttMessage awaitPayload(String payload) {
            return awaitFirst(message -> message.payloadAsString().equals(payload));
        }

        MqttMessage awaitFirst(Predicate<MqttMessage> wanted) {
            await().atMost(TIMEOUT).until(() -> messages.stream().anyMatch(wanted));
            return messages.stream().filter(wanted).findFirst().orElseThrow();
        }

        void awaitCount(int count) {
            await().atMost(TIMEOUT).until(() -> messages.size() >= count);
        }
    }

    /** Collects the broker's options, listener options and files, then starts it. */
    static final class Builder {

        private final Path work;
        private final MosquittoProcess.Builder broker;
        private Listener listener = Listener.plain();

        private Builder(Path work) {
            this.work = work;
            // everything the broker receives and sends, by client id: PINGREQ, CONNACK flags, expiries
            this.broker = MosquittoProcess.builder(work).option("log_type", "all");
        }

        /** A broker-wide option, such as {@code max_packet_size 2048}. */
        Builder option(String key, String value) {
            broker.option(key, value);
            return this;
        }

        /** An option of the listener, such as {@code max_topic_alias 0}: Mosquitto takes some per listener only. */
        Builder listenerOption(String key, String value) {
            listener = listener.option(key, value);
            return this;
        }

        /** An {@code acl_file} with these lines; lines before any {@code user} line apply to anonymous clients. */
        Builder aclFile(String... lines) throws IOException {
            Files.createDirectories(work);
            Path acl = Files.writeString(work.resolve("acl"), String.join("\n", lines) + "\n");
            return option("acl_file", acl.toAbsolutePath().toString());
        }

        /**
         * Mosquitto's dynamic security plugin with this JSON configuration: unlike an {@code acl_file}, whose
         * subscribe check Mosquitto 2.0.11 leaves unimplemented ("FIXME - implement ACL subscription strings"),
         * it refuses a SUBSCRIBE (SUBACK 0x87).
         */
        Builder dynamicSecurity(String json) throws IOException {
            Path plugin = Path.of("/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so");
            Assumptions.assumeTrue(Files.isRegularFile(plugin), "Mosquitto's dynamic security plugin is not installed");
            Files.createDirectories(work);
            Path config = Files.writeString(work.resolve("dynamic-security.json"), json);
            return option("plugin", plugin.toString())
                .option("plugin_opt_config_file", config.toAbsolutePath().toString());
        }

        Mqtt5Mosquitto start() throws IOException {
            return new Mqtt5Mosquitto(broker.listener("plain", listener).start());
        }
    }
}
