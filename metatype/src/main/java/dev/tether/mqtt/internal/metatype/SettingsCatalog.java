package dev.tether.mqtt.internal.metatype;

import static dev.tether.mqtt.internal.metatype.Property.choice;
import static dev.tether.mqtt.internal.metatype.Property.flag;
import static dev.tether.mqtt.internal.metatype.Property.number;
import static dev.tether.mqtt.internal.metatype.Property.secret;
import static dev.tether.mqtt.internal.metatype.Property.text;
import static dev.tether.mqtt.internal.metatype.Property.textChoice;

import java.util.ArrayList;
import java.util.List;

/**
 * Tether's configuration: the Mongoose OS {@code mqtt} section, same keys and defaults (except
 * {@code server}). The one source of the metatype XML, the defaults the component applies,
 * and the bounds it checks.
 */
public final class SettingsCatalog {

    /** Configuration PID of the default connection. */
    public static final String PID = "dev.tether.mqtt";
    /** Factory PID of further named connections. */
    public static final String FACTORY_PID = "dev.tether.mqtt.connection";

    public static final int MAX_PORT = 65535;
    public static final int MAX_KEEP_ALIVE = 65535;
    public static final int MAX_RECONNECT_SECONDS = 86400;

    public static final Property ENABLE = flag("enable", false, "Enable",
        "Connect to the server and register the MqttService. When off, no connection is made and no service"
            + " is registered.");
    public static final Property SERVER = text("server", "localhost:1883", "Server",
        "The broker as HOST:PORT, or a URI tcp://, ssl://, ws:// or wss://HOST:PORT. Without a port: 1883,"
            + " 8883 with TLS, 80 or 443 over WebSocket.");
    public static final Property BACKUP_SERVER = text("backup_server", "", "Backup server",
        "A second broker, written like server, tried when server cannot be reached: attempts alternate between"
            + " the two, each after the backoff. It uses the same client ID, credentials and TLS settings, so both"
            + " must speak the same transport. Empty: no backup.");
    public static final Property PRIMARY_CHECK_INTERVAL = number("primary_check_interval", 60, 0,
        MAX_RECONNECT_SECONDS, "Primary check (s)",
        "While connected to the backup server, how often to check whether server accepts connections again"
            + " (a TCP connection, and the TLS handshake when TLS is on); when it does, the connection moves back."
            + " 0: stay on the backup until it fails.");
    public static final Property CLIENT_ID = text("client_id", "", "Client ID",
        "MQTT client identifier. Empty: the framework property device.id, else an id derived from the host name"
            + " (with the connection name appended for named connections).");
    public static final Property USER = text("user", "", "User", "User name for MQTT authentication; empty for none.");
    public static final Property PASS = secret("pass", "Password", "Password for MQTT authentication. Needs a user, unless protocol_version=5"
            + " (MQTT 3.1.1 sends no password without a user name).");
    public static final Property PROTOCOL_VERSION = textChoice("protocol_version", "auto",
        List.of("auto", "5", "3.1.1"), "MQTT version", "auto: offer MQTT 5 and fall back to 3.1.1 when the broker"
            + " refuses it (remembered for that server until the configuration changes); 5 or 3.1.1: only that"
            + " version.");
    public static final Property CLEAN_SESSION = flag("clean_session", true, "Clean session",
        "Start every connection with a clean session. Off: the broker keeps subscriptions and QoS 1/2 messages"
            + " for this client while it is away.");
    public static final Property SESSION_EXPIRY_INTERVAL = number("session_expiry_interval", 0, 0, Integer.MAX_VALUE,
        "Session expiry (s)", "MQTT 5: how long the broker keeps this client's session after the connection ends."
            + " 0 keeps MQTT 3.1.1's meaning: with clean_session off the session is kept for ever, with it on the"
            + " session ends with the connection. Above 0, clean_session still decides whether each connect starts"
            + " afresh. Not used on MQTT 3.1.1.");
    public static final Property KEEP_ALIVE = number("keep_alive", 60, 0, MAX_KEEP_ALIVE, "Keep alive (s)",
        "Seconds between PINGREQs when idle; a silent broker is detected after about 1.5 times this. 0 disables.");
    public static final Property CONNECT_TIMEOUT = number("connect_timeout", 30, 1, MAX_RECONNECT_SECONDS,
        "Connect timeout (s)", "How long one connection attempt may take, from opening the network connection"
            + " (TCP, TLS or WebSocket) to the broker's CONNACK; then it counts as failed and is retried with backoff.");
    public static final Property ACK_TIMEOUT = number("ack_timeout", 60, 0, MAX_RECONNECT_SECONDS,
        "Acknowledgement timeout (s)", "A QoS 1 or 2 message the broker has not acknowledged after this long makes"
            + " Tether reconnect and send it again (MQTT 3.1.1 sends again only on a new connection); so does a"
            + " subscription left unanswered after a connect. 0: wait for ever.");
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
    public static final Property WILL_DELAY_INTERVAL = number("will_delay_interval", 0, 0, Integer.MAX_VALUE,
        "Last will delay (s)", "MQTT 5: the broker publishes the will only if the client has not reconnected"
            + " within this time (and at the latest when the session expires), so a quick reconnect sends no will."
            + " 0: at once.");
    public static final Property WILL_MESSAGE_EXPIRY_INTERVAL = number("will_message_expiry_interval", 0, 0,
        Integer.MAX_VALUE, "Last will expiry (s)", "MQTT 5: how long the broker keeps the will message for"
            + " subscribers that are away (and, retained, for later ones). 0: it does not expire.");
    public static final Property WILL_CONTENT_TYPE = text("will_content_type", "", "Last will content type",
        "MQTT 5: the will message's content type, for example application/json. Empty: none.");
    public static final Property MAX_QOS = choice("max_qos", 2, List.of("0", "1", "2"), "Maximum QoS",
        "Cap on the QoS of every publish and subscription on this connection.");
    public static final Property MAX_QUEUE_LENGTH = number("max_queue_length", 10_000, 0, 1_000_000,
        "Queue length", "QoS 1 and 2 messages kept until the broker acknowledges them, while offline or waiting"
            + " to be sent; what happens when it is full is queue_overflow. 0: nothing waits for a connection.");
    public static final Property MAX_QUEUE_BYTES = number("max_queue_bytes", 64 * 1024 * 1024, 1, Integer.MAX_VALUE,
        "Queue size (bytes)", "Most bytes of topics and payloads that wait in the queue, beside max_queue_length, so"
            + " that a queue of large messages cannot fill the memory or the disk; queue_overflow applies when full.");
    public static final Property QUEUE_OVERFLOW = textChoice("queue_overflow", "reject",
        List.of("reject", "drop_oldest"), "When the queue is full", "reject: publishing fails with QUEUE_FULL;"
            + " drop_oldest: the oldest waiting message is dropped (its publish fails) to make room.");
    public static final Property QUEUE_PERSISTENCE = textChoice("queue_persistence", "file",
        List.of("file", "memory"), "Queue storage", "file: QoS 1 and 2 messages are written to the bundle's data"
            + " area before publish returns and survive a restart or crash of the gateway; memory: they are lost"
            + " when it stops.");
    public static final Property QUEUE_SYNC = textChoice("queue_sync", "none", List.of("none", "interval", "always"),
        "Queue sync to disk", "With queue_persistence=file. none: publish returns once the message is written to the"
            + " operating system, which survives a crash or kill of the process, not a power cut; interval: the same,"
            + " and the queue is forced to the disk once a second, so a power cut loses at most the last second;"
            + " always: publish returns once the message is forced to the disk (fsync), which survives a power cut"
            + " too, at the disk's speed and wear.");
    public static final Property RECV_MBUF_LIMIT = number("recv_mbuf_limit", 0, 0, Integer.MAX_VALUE,
        "Largest inbound payload (bytes)",
        "Received messages with a larger payload are dropped and logged. On MQTT 5 it is announced to the broker as"
            + " the Maximum Packet Size, so the broker drops larger messages (whole packets, topic included) instead"
            + " of sending them. 0: no limit.");
    public static final Property REQUIRE_TIME = flag("require_time", false, "Require a set clock",
        "Do not connect while the system clock is obviously unset (earlier than this bundle's build date);"
            + " connect as soon as it is set. Useful with TLS, whose certificate checks need the time.");
    public static final Property CLOUD_EVENTS = flag("cloud_events", true, "Connection events",
        "Post connection events to the OSGi EventAdmin, when one is installed: dev/tether/mqtt/CONNECTED,"
            + " DISCONNECTED (with the cause), SUBSCRIPTION_FAILED and QUEUE_OVERFLOW.");
    public static final Property STATUS_TOPIC = text("status_topic", "", "Status topic",
        "Publish the connection's status as retained JSON (state, server, protocol, counters, queue, latency) to"
            + " this topic, QoS 1, at every connect and every status_interval seconds. The will then makes the topic"
            + " read {\"status\":\"offline\"} when the gateway dies without disconnecting: the birth and death"
            + " pattern of fleet dashboards. {client_id} stands for the client id. Empty: off. Not together with"
            + " will_topic: MQTT has one will per connection.");
    public static final Property STATUS_INTERVAL = number("status_interval", 60, 1, 86_400, "Status interval (s)",
        "Seconds between two status publications to status_topic while connected.");
    public static final Property HEALTH_CRITICAL_AFTER = number("health_critical_after", 300, 0, Integer.MAX_VALUE,
        "Health: critical after (s)", "With the Apache Felix Health Checks installed: a connection not connected"
            + " for longer than this is CRITICAL; before, while it reconnects, WARN. 0: never CRITICAL for that.");
    public static final Property DEBUG_STDOUT_TOPIC = text("debug.stdout_topic", "", "Log topic",
        "Publish the framework's log entries below WARN, down to debug.level, to this topic (QoS 0). Entries of"
            + " Tether's own bundle are never forwarded. Empty: not forwarded.");
    public static final Property DEBUG_STDERR_TOPIC = text("debug.stderr_topic", "", "Error log topic",
        "Publish the framework's WARN and ERROR log entries to this topic (QoS 0). Empty: not forwarded.");
    public static final Property DEBUG_LEVEL = textChoice("debug.level", "info",
        List.of("error", "warn", "info", "debug", "trace"), "Log level forwarded",
        "The least severe log level forwarded to the log topics.");
    public static final Property DEBUG_FORMAT = textChoice("debug.format", "text", List.of("text", "json"),
        "Log format", "text: one line per entry (time, level, bundle, message); json: an object with the fields"
            + " time, level, bundle, logger, message and exception.");
    public static final Property WS_ENABLE = flag("ws_enable", false, "MQTT over WebSocket",
        "Connect over WebSocket (ws://, or wss:// with TLS) when the server is given as HOST:PORT.");
    public static final Property WS_PATH = text("ws_path", "/mqtt", "WebSocket path",
        "HTTP path of the broker's WebSocket endpoint, used unless the ws:// or wss:// server URI has its own.");
    public static final Property SSL_CA_CERT = text("ssl_ca_cert", "", "TLS CA certificates",
        "Path to a PEM file with the CA certificates that may sign the server's certificate; setting it turns TLS on."
            + " The keyword 'system' trusts the Java runtime's default CAs instead. Relative paths are resolved"
            + " against the working directory of the framework.");
    public static final Property SSL_CERT = text("ssl_cert", "", "TLS client certificate",
        "Path to a PEM file with this client's certificate (and its intermediate CAs) for mutual TLS. Needs ssl_key.");
    public static final Property SSL_KEY = text("ssl_key", "", "TLS client key",
        "Path to the PEM file with the private key of ssl_cert: PKCS#8, PKCS#1 (RSA) or SEC1 (EC),"
            + " plain or encrypted (then set ssl_key_pass).");
    public static final Property SSL_KEY_PASS = secret("ssl_key_pass", "TLS client key password",
        "Password of an encrypted ssl_key; empty if the key is not encrypted.");
    public static final Property SSL_CIPHER_SUITES = text("ssl_cipher_suites", "", "TLS cipher suites",
        "Cipher suites to offer, separated by ':' or ','; IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),"
            + " OpenSSL names (ECDHE-RSA-AES128-GCM-SHA256) or mbedTLS names. Empty: the runtime's defaults.");
    public static final Property SSL_PSK_IDENTITY = text("ssl_psk_identity", "", "TLS-PSK identity",
        "Identity for TLS with a pre-shared key; setting it (with ssl_psk_key) turns TLS-PSK on."
            + " Needs the BouncyCastle bundles bcprov, bcutil and bctls.");
    public static final Property SSL_PSK_KEY = secret("ssl_psk_key", "TLS-PSK key",
        "The pre-shared key, in hexadecimal.");
    public static final Property NAME = text("name", "", "Connection name",
        "Name of this connection: the mqtt.connection service property of its MqttService and the value"
            + " whiteboard listeners select it by. Letters, digits, '.', '_' and '-'.");

    /** The properties of every connection, in the order an operator reads them. */
    public static final List<Property> CONNECTION = List.of(ENABLE, SERVER, BACKUP_SERVER,
        PRIMARY_CHECK_INTERVAL, CLIENT_ID, USER, PASS, PROTOCOL_VERSION, CLEAN_SESSION, SESSION_EXPIRY_INTERVAL,
        KEEP_ALIVE, CONNECT_TIMEOUT, ACK_TIMEOUT, RECONNECT_TIMEOUT_MIN, RECONNECT_TIMEOUT_MAX, WILL_TOPIC,
        WILL_MESSAGE, WILL_RETAIN, WILL_DELAY_INTERVAL, WILL_MESSAGE_EXPIRY_INTERVAL, WILL_CONTENT_TYPE, MAX_QOS,
        MAX_QUEUE_LENGTH, MAX_QUEUE_BYTES, QUEUE_OVERFLOW, QUEUE_PERSISTENCE, QUEUE_SYNC, RECV_MBUF_LIMIT,
        REQUIRE_TIME, CLOUD_EVENTS, STATUS_TOPIC, STATUS_INTERVAL, HEALTH_CRITICAL_AFTER, DEBUG_STDOUT_TOPIC,
        DEBUG_STDERR_TOPIC, DEBUG_LEVEL, DEBUG_FORMAT, WS_ENABLE, WS_PATH,
        SSL_CA_CERT, SSL_CERT, SSL_KEY, SSL_KEY_PASS, SSL_CIPHER_SUITES, SSL_PSK_IDENTITY, SSL_PSK_KEY);

    private SettingsCatalog() {
    }

    /** @return the properties of a named (factory) connection: {@link #NAME} first, then the rest */
    public static List<Property> namedConnection() {
        List<Property> all = new ArrayList<>();
        all.add(NAME);
        all.addAll(CONNECTION);
        return List.copyOf(all);
    }
}
