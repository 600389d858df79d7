package dev.tether.mqtt.internal.metatype;

import static dev.tether.mqtt.internal.metatype.Property.choice;
import static dev.tether.mqtt.internal.metatype.Property.flag;
import static dev.tether.mqtt.internal.metatype.Property.number;
import static dev.tether.mqtt.internal.metatype.Property.secret;
import static dev.tether.mqtt.internal.metatype.Property.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tether's configuration: the Mongoose OS {@code mqtt} section, same keys and defaults (except
 * {@code server}). The one source of the metatype XML, the defaults the component applies,
 * and the bounds it checks.
 */
public final class MqttProperties {

    /** Configuration PID of the default connection. */
    public static final String PID = "dev.tether.mqtt";
    /** Factory PID of further named connections. */
    public static final String FACTORY_PID = "dev.tether.mqtt.connection";

    public static final int MAX_PORT = 65535;
    public static final int MAX_KEEP_ALIVE = 65535;
    public static final int MAX_RECONNECT_SECONDS = 86400;

    public static final Property ENABLE = flag("enable", false, "Enable",
        "Connect to the server and register the MqttService. When off, no connection is made and no service is registered.");
    public static final Property SERVER = text("server", "localhost:1883", "Server",
        "The broker as HOST:PORT, or a URI tcp://HOST:PORT (port 1883 if omitted).");
    public static final Property CLIENT_ID = text("client_id", "", "Client ID",
        "MQTT client identifier. Empty: the framework property device.id, else an id derived from the host name"
            + " (with the connection name appended for named connections).");
    public static final Property USER = text("user", "", "User", "User name for MQTT authentication; empty for none.");
    public static final Property PASS = secret("pass", "Password", "Password for MQTT authentication. Needs a user.");
    public static final Property CLEAN_SESSION = flag("clean_session", true, "Clean session",
        "Start every connection with a clean session. Off: the broker keeps subscriptions and QoS 1/2 messages"
            + " for this client while it is away.");
    public static final Property KEEP_ALIVE = number("keep_alive", 60, 0, MAX_KEEP_ALIVE, "Keep alive (s)",
        "Seconds between PINGREQs when idle; a silent broker is detected after about 1.5 times this. 0 disables.");
    public static final Property RECONNECT_TIMEOUT_MIN = number("reconnect_timeout_min", 2, 1, MAX_RECONNECT_SECONDS,
        "Reconnect delay, min (s)", "First delay before reconnecting after a failure; it doubles on each failure.");
    public static final Property RECONNECT_TIMEOUT_MAX = number("reconnect_timeout_max", 60, 1, MAX_RECONNECT_SECONDS,
        "Reconnect delay, max (s)", "Largest delay between reconnection attempts. Must not be below the minimum.");
    public static final Property WILL_TOPIC = text("will_topic", "", "Last will topic",
        "Topic of the message the broker publishes when this client vanishes without disconnecting. Empty: no will.");
    public static final Property WILL_MESSAGE = text("will_message", "", "Last will message",
        "Payload of the last will message. Needs a will topic.");
    public static final Property WILL_RETAIN = flag("will_retain", false, "Retain last will",
        "Whether the broker retains the last will message.");
    public static final Property MAX_QOS = choice("max_qos", 2, List.of("0", "1", "2"), "Maximum QoS",
        "Cap on the QoS of every publish and subscription on this connection.");
    public static final Property MAX_QUEUE_LENGTH = number("max_queue_length", 5, 0, 1_000_000,
        "Offline queue length", "QoS 1 and 2 messages kept while offline and sent after reconnecting;"
            + " publishing into a full queue fails. 0: nothing is queued.");
    public static final Property RECV_MBUF_LIMIT = number("recv_mbuf_limit", 0, 0, Integer.MAX_VALUE,
        "Largest inbound payload (bytes)", "Received messages with a larger payload are dropped and logged. 0: no limit.");
    public static final Property NAME = text("name", "", "Connection name",
        "Name of this connection: the mqtt.connection service property of its MqttService and the value"
            + " whiteboard listeners select it by. Letters, digits, '.', '_' and '-'.");

    /** The properties of every connection, in the order an operator reads them. */
    public static final List<Property> CONNECTION = List.of(ENABLE, SERVER, CLIENT_ID, USER, PASS, CLEAN_SESSION,
        KEEP_ALIVE, RECONNECT_TIMEOUT_MIN, RECONNECT_TIMEOUT_MAX, WILL_TOPIC, WILL_MESSAGE, WILL_RETAIN, MAX_QOS,
        MAX_QUEUE_LENGTH, RECV_MBUF_LIMIT);

    /**
     * Seed keys whose features arrive in later releases, with the feature's name. Setting one to a
     * value that asks for the feature (anything but "" or its {@link #NOT_YET_SUPPORTED_INERT_VALUES
     * inert value}) is a configuration error, never silently ignored.
     */
    public static final Map<String, String> NOT_YET_SUPPORTED = Map.ofEntries(
        Map.entry("ssl_ca_cert", "TLS"), Map.entry("ssl_cert", "mutual TLS"), Map.entry("ssl_key", "mutual TLS"),
        Map.entry("ssl_cipher_suites", "TLS cipher suites"), Map.entry("ssl_psk_identity", "TLS-PSK"),
        Map.entry("ssl_psk_key", "TLS-PSK"), Map.entry("ws_enable", "MQTT over WebSocket"),
        Map.entry("ws_path", "MQTT over WebSocket"), Map.entry("require_time", "require_time"),
        Map.entry("cloud_events", "connection events (cloud_events)"),
        Map.entry("debug.stdout_topic", "log forwarding"), Map.entry("debug.stderr_topic", "log forwarding"));

    /** Values of {@link #NOT_YET_SUPPORTED} keys that ask for nothing, where that is not the empty string. */
    public static final Map<String, String> NOT_YET_SUPPORTED_INERT_VALUES = Map.of(
        "ws_enable", "false", "ws_path", "/mqtt", "require_time", "false", "cloud_events", "false");

    private MqttProperties() {
    }

    /** @return the properties of a named (factory) connection: {@link #NAME} first, then the rest */
    public static List<Property> namedConnection() {
        List<Property> all = new ArrayList<>();
        all.add(NAME);
        all.addAll(CONNECTION);
        return List.copyOf(all);
    }
}
