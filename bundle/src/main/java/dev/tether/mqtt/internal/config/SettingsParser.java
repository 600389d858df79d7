package dev.tether.mqtt.internal.config;

import static dev.tether.mqtt.internal.metatype.SettingsCatalog.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.topic.Topics;

/**
 * Turns a ConfigAdmin dictionary into {@link ConnectionSettings}, or into the list of problems that
 * say which property has which bad value and why. Never throws on bad input.
 */
public final class SettingsParser {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int WILL_QOS = 1;

    private final String deviceId;
    private final String hostName;

    /**
     * @param deviceId the framework property {@code device.id}, may be null
     * @param hostName this machine's host name, for client ids
     */
    public SettingsParser(String deviceId, String hostName) {
        this.deviceId = deviceId;
        this.hostName = hostName;
    }

    /** Parses the singleton configuration, whose connection is always named {@code default}. */
    public ParsedConfiguration parseDefault(Map<String, ?> properties) {
        return parse(properties, MqttService.DEFAULT_CONNECTION, new PropertyReader(properties));
    }

    /** Parses a factory configuration, named by its {@code name} property (or its PID's name part). */
    public ParsedConfiguration parseNamed(Map<String, ?> properties) {
        PropertyReader reader = new PropertyReader(properties);
        String name = reader.string(NAME).trim();
        if (name.isEmpty()) {
            name = nameFromPid(reader.raw("service.pid"));
        }
        if (!VALID_NAME.matcher(name).matches()) {
            reader.problem(NAME, "must be 1 to 64 letters, digits, '.', '_' or '-'");
            name = reader.raw("service.pid");
        } else if (name.equals(MqttService.DEFAULT_CONNECTION)) {
            reader.problem(NAME, "is the name of the connection configured by PID " + PID + "; choose another");
            name = reader.raw("service.pid");
        }
        return parse(properties, name, reader);
    }

    private static String nameFromPid(String pid) {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? "" : pid.substring(tilde + 1);
    }

    private ParsedConfiguration parse(Map<String, ?> properties, String name, PropertyReader reader) {
        int problemsBefore = reader.problems().size();
        // an unreadable enable counts as enabled, so the service shows the error instead of vanishing
        boolean enabled = reader.bool(ENABLE) || reader.problems().size() > problemsBefore;
        String serverText = reader.string(SERVER);
        TransportParser.Transport transport = TransportParser.parse(reader);
        boolean requireTime = reader.bool(REQUIRE_TIME);
        String clientId = ClientIds.resolve(reader.string(CLIENT_ID), name, deviceId, hostName);
        requireSendable(reader, CLIENT_ID, clientId);
        String user = reader.string(USER);
        requireSendable(reader, USER, user);
        Secret password = reader.secret(PASS);
        if (!password.isEmpty() && Topics.stringProblem(new String(password.reveal())) != null) {
            // which character, and where, would tell too much about the password
            reader.problem(PASS, "contains characters MQTT cannot carry (control characters, lone surrogates,"
                + " noncharacters such as U+FFFF) or is longer than 65535 bytes");
        }
        ProtocolChoice protocol = ProtocolChoice.of(reader.option(PROTOCOL_VERSION));
        if (!password.isEmpty() && user.isEmpty() && protocol != ProtocolChoice.MQTT_5) {
            reader.problem(PASS, "a password needs a user (MQTT 3.1.1 sends no password without a user name;"
                + " MQTT 5 does, with protocol_version=5)");
        }
        boolean cleanSession = reader.bool(CLEAN_SESSION);
        long sessionExpiry = reader.integer(SESSION_EXPIRY_INTERVAL);
        int keepAlive = reader.integer(KEEP_ALIVE);
        int connectTimeout = reader.integer(CONNECT_TIMEOUT);
        int ackTimeout = reader.integer(ACK_TIMEOUT);
        int primaryCheckInterval = reader.integer(PRIMARY_CHECK_INTERVAL);
        int reconnectMin = reader.integer(RECONNECT_TIMEOUT_MIN);
        int reconnectMax = reader.integer(RECONNECT_TIMEOUT_MAX);
        if (reconnectMin > reconnectMax) {
            reader.problem(RECONNECT_TIMEOUT_MAX, "must not be below reconnect_timeout_min (" + reconnectMin + ")");
        }
        int maxQos = reader.integer(MAX_QOS);
        Optional<Will> will = will(reader, Math.min(WILL_QOS, maxQos));
        int maxQueueLength = reader.integer(MAX_QUEUE_LENGTH);
        QueueOverflow queueOverflow = QueueOverflow.of(reader.option(QUEUE_OVERFLOW));
        int maxQueueBytes = reader.integer(MAX_QUEUE_BYTES);
        boolean persistentQueue = reader.option(QUEUE_PERSISTENCE).equals("file");
        QueueSync queueSync = QueueSync.of(reader.option(QUEUE_SYNC));
        int maxInboundPayload = reader.integer(RECV_MBUF_LIMIT);
        boolean cloudEvents = reader.bool(CLOUD_EVENTS);
        LogForwarding logForwarding = logForwarding(reader);
        Monitoring monitoring = monitoring(reader, clientId, will.isPresent());
        if (!reader.problems().isEmpty()) {
            return new ParsedConfiguration(enabled, name, serverText, clientId, cloudEvents, LogForwarding.OFF,
                Optional.empty(), inCatalogOrder(reader.problems()));
        }
        ConnectionSettings settings = new ConnectionSettings(name, transport.server(), transport.backupServer(),
            Duration.ofSeconds(primaryCheckInterval), transport.security(), clientId,
            user, password, protocol, cleanSession, sessionExpiry, keepAlive, Duration.ofSeconds(connectTimeout), Duration.ofSeconds(ackTimeout),
            Duration.ofSeconds(reconnectMin), Duration.ofSeconds(reconnectMax),
            will, maxQos, maxQueueLength, maxQueueBytes, queueOverflow, persistentQueue, queueSync, maxInboundPayload,
            requireTime, monitoring);
        return new ParsedConfiguration(enabled, name, transport.server().uri(), clientId, cloudEvents,
            logForwarding, Optional.of(settings),
            reader.problems());
    }

    private static Monitoring monitoring(PropertyReader reader, String clientId, boolean hasWill) {
        String topic = reader.string(STATUS_TOPIC).trim().replace(MqttMessageListener.CLIENT_ID_PLACEHOLDER,
            clientId);
        int interval = reader.integer(STATUS_INTERVAL);
        int criticalAfter = reader.integer(HEALTH_CRITICAL_AFTER);
        if (!topic.isEmpty()) {
            String problem = Topics.topicProblem(topic);
            if (problem != null) {
                reader.problem(STATUS_TOPIC, problem);
            } else if (hasWill) {
                reader.problem(STATUS_TOPIC, "needs the connection's will for its offline status, and will_topic is"
                    + " set too: MQTT has one will per connection; clear one of them");
            }
        }
        return new Monitoring(topic.isEmpty() ? Optional.empty() : Optional.of(topic), Duration.ofSeconds(interval),
            Duration.ofSeconds(criticalAfter));
    }

    private static LogForwarding logForwarding(PropertyReader reader) {
        String stdout = logTopic(reader, DEBUG_STDOUT_TOPIC);
        String stderr = logTopic(reader, DEBUG_STDERR_TOPIC);
        return new LogForwarding(stdout, stderr, reader.option(DEBUG_LEVEL), reader.option(DEBUG_FORMAT).equals("json"));
    }

    private static String logTopic(PropertyReader reader, Property property) {
        String topic = reader.string(property).trim();
        String problem = topic.isEmpty() ? null : Topics.topicProblem(topic);
        if (problem != null) {
            reader.problem(property, problem);
            return "";
        }
        return topic;
    }

    private static void requireSendable(PropertyReader reader, Property property, String value) {
        String problem = Topics.stringProblem(value);
        if (problem != null) {
            reader.problem(property, problem);
        }
    }

    /** Problems are found in the order of the checks; an operator reads them in the form's order. */
    private static List<ConfigProblem> inCatalogOrder(List<ConfigProblem> problems) {
        List<String> order = namedConnection().stream().map(Property::id).toList();
        return problems.stream().sorted(Comparator.comparingInt(problem -> {
            int index = order.indexOf(problem.property());
            return index < 0 ? order.size() : index;
        })).toList();
    }

    private static Optional<Will> will(PropertyReader reader, int qos) {
        String topic = reader.string(WILL_TOPIC);
        String message = reader.string(WILL_MESSAGE);
        boolean retain = reader.bool(WILL_RETAIN);
        // read even without a will topic, so a bad value is reported whatever the order of the operator's edits
        int delay = reader.integer(WILL_DELAY_INTERVAL);
        int expiry = reader.integer(WILL_MESSAGE_EXPIRY_INTERVAL);
        String contentType = reader.string(WILL_CONTENT_TYPE).trim();
        requireSendable(reader, WILL_CONTENT_TYPE, contentType);
        if (topic.isEmpty()) {
            if (!message.isEmpty()) {
                reader.problem(WILL_MESSAGE, "a will message needs a will_topic");
            }
            return Optional.empty();
        }
        String invalidTopic = Topics.topicProblem(topic);
        if (invalidTopic != null) {
            reader.problem(WILL_TOPIC, invalidTopic);
            return Optional.empty();
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > Topics.MAX_LENGTH) {
            reader.problem(WILL_MESSAGE, "is longer than 65535 bytes");
        }
        return Optional.of(new Will(topic, message, qos, retain, delay, expiry,
            contentType.isEmpty() ? Optional.empty() : Optional.of(contentType)));
    }
}
