package dev.tether.bench.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.osgi.FelixRuntime;

/**
 * Tether's {@code MqttService} in a real Felix: each connection is a factory configuration (one publishes, another
 * receives, as with the other clients). Settings: the MQTT version given explicitly ({@code protocol_version} 3.1.1
 * or 5, never {@code auto}, which would be 5 against Mosquitto 2), clean session, keep-alive 60 s (both as raw Paho),
 * a queue long enough for a whole run, and the queue kept in memory (Paho's {@code MemoryPersistence}) unless the file
 * queue is what is measured; then {@code queue_sync} is set either way (a Tether that does not know it ignores it).
 * {@linkplain #withoutMetrics() Without metrics}, its connections are created with the system property
 * {@code tether.metrics=off}, which Tether reads once per connection, as it is created: the same code without the
 * per-message counts, to measure what they cost (issue 17).
 */
public final class TetherDriver implements MqttDriver {

    /** What {@link #key()} ends with for a driver {@linkplain #withoutMetrics() without metrics}. */
    public static final String NO_METRICS_SUFFIX = "-nometrics";
    private static final String METRICS_PROPERTY = "tether.metrics";

    /** Long enough that no run fills it: the figures are of sending, not of a full queue. */
    public static final int MAX_QUEUE_LENGTH = 200_000;

    /** The value of {@code protocol_version}. */
    public enum Protocol {
        MQTT_3_1_1("3.1.1", "", "3.1.1"), MQTT_5("5", "5", "5");

        private final String setting;
        private final String keySuffix;
        private final String label;

        Protocol(String setting, String keySuffix, String label) {
            this.setting = setting;
            this.keySuffix = keySuffix;
            this.label = label;
        }

        /** @return the {@code protocol_version} value */
        public String setting() {
            return setting;
        }

        /** @return "3.1.1" or "5" */
        public String label() {
            return label;
        }
    }

    private final FelixRuntime felix;
    private final String host;
    private final int port;
    private final QueueKind queue;
    private final Protocol protocol;
    private final String namePrefix;
    private final boolean metrics;
    private final AtomicInteger connections = new AtomicInteger();

    /** A connection on MQTT 3.1.1, the version every figure before MQTT 5 was measured on. */
    public TetherDriver(FelixRuntime felix, String host, int port, QueueKind queue) {
        this(felix, host, port, queue, Protocol.MQTT_3_1_1);
    }

    public TetherDriver(FelixRuntime felix, String host, int port, QueueKind queue, Protocol protocol) {
        this(felix, host, port, queue, protocol, "bench", true);
    }

    private TetherDriver(FelixRuntime felix, String host, int port, QueueKind queue, Protocol protocol,
            String namePrefix, boolean metrics) {
        this.felix = felix;
        this.host = host;
        this.port = port;
        this.queue = queue;
        this.protocol = protocol;
        this.namePrefix = namePrefix;
        this.metrics = metrics;
    }

    /** @return the same driver naming its connections {@code prefix-...}, apart from another driver's */
    public TetherDriver named(String prefix) {
        return new TetherDriver(felix, host, port, queue, protocol, prefix, metrics);
    }

    /** @return the same driver, its connections created without the per-message counts of the metrics */
    public TetherDriver withoutMetrics() {
        return new TetherDriver(felix, host, port, queue, protocol, namePrefix + "-nometrics", false);
    }

    /** @return "Tether 3.1.1", "Tether 5", "Tether 3.1.1, metrics off" or e.g. "Tether 3.1.1 (file queue)" */
    @Override
    public String name() {
        return "Tether " + protocol.label() + (queue.file() ? " (" + queue.labelSuffix().substring(2) + ")" : "")
            + (metrics ? "" : ", metrics off");
    }

    /** @return "tether", "tether5", "tether-nometrics", "tether-file" or "tether-fsync" */
    @Override
    public String key() {
        return "tether" + protocol.keySuffix + queue.keySuffix() + (metrics ? "" : NO_METRICS_SUFFIX);
    }

    public Protocol protocol() {
        return protocol;
    }

    @Override
    public TetherConnection connect(String clientId) throws Exception {
        // a name of its own per queue kind and version: the name picks the queue file, which one run must not hand
        // the next
        String name = namePrefix + (protocol.keySuffix.isEmpty() ? "" : "-v" + protocol.keySuffix) + queue.keySuffix()
            + "-" + connections.incrementAndGet();
        if (metrics) {
            return TetherConnection.open(felix, name, settings(clientId, port));
        }
        // the contenders run one after the other and connect one client at a time, so no other connection is
        // created while the property is set
        System.setProperty(METRICS_PROPERTY, "off");
        try {
            // returns once CONNECTED: the connection, and its meter, exist
            return TetherConnection.open(felix, name, settings(clientId, port));
        } finally {
            System.clearProperty(METRICS_PROPERTY);
        }
    }

    /** @return the configuration of a connection to {@code port} */
    public Map<String, Object> settings(String clientId, int port) {
        return settings(clientId, host, port);
    }

    /** @return the configuration of a connection to {@code host:port} */
    public Map<String, Object> settings(String clientId, String host, int port) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("enable", true);
        settings.put("server", host + ":" + port);
        settings.put("client_id", clientId);
        settings.put("protocol_version", protocol.setting());
        settings.put("clean_session", true);
        settings.put("keep_alive", PahoDriver.KEEP_ALIVE_SECONDS);
        settings.put("max_queue_length", MAX_QUEUE_LENGTH);
        settings.put("queue_persistence", queue.file() ? "file" : "memory");
        if (queue.file()) {
            settings.put("queue_sync", queue.queueSync());
        }
        return settings;
    }

    public FelixRuntime felix() {
        return felix;
    }
}
