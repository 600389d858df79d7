package dev.tether.bench.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tether.bench.measure.QueueKind;
import dev.tether.bench.osgi.FelixRuntime;

/**
 * Tether's {@code MqttService} in a real Felix: each connection is a factory configuration (one publishes, another
 * receives, as with the other clients). Settings: clean session, keep-alive 60 s (both as raw Paho), a queue long
 * enough for a whole run, and the queue kept in memory (Paho's {@code MemoryPersistence}) unless the file queue is
 * what is measured; then {@code queue_sync} is set either way (a Tether that does not know it ignores it).
 */
public final class TetherDriver implements MqttDriver {

    /** Long enough that no run fills it: the figures are of sending, not of a full queue. */
    public static final int MAX_QUEUE_LENGTH = 200_000;

    private final FelixRuntime felix;
    private final String host;
    private final int port;
    private final QueueKind queue;
    private final AtomicInteger connections = new AtomicInteger();

    public TetherDriver(FelixRuntime felix, String host, int port, QueueKind queue) {
        this.felix = felix;
        this.host = host;
        this.port = port;
        this.queue = queue;
    }

    @Override
    public String name() {
        return "Tether" + (queue.file() ? " (" + queue.labelSuffix().substring(2) + ")" : "");
    }

    /** @return "tether", "tether-file" or "tether-fsync" */
    @Override
    public String key() {
        return "tether" + queue.keySuffix();
    }

    @Override
    public TetherConnection connect(String clientId) throws Exception {
        // a name of its own per queue kind: the name picks the queue file, which one run must not hand the next
        return TetherConnection.open(felix, "bench" + queue.keySuffix() + "-" + connections.incrementAndGet(),
            settings(clientId, port));
    }

    /** @return the configuration of a connection to {@code port} */
    public Map<String, Object> settings(String clientId, int port) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("enable", true);
        settings.put("server", host + ":" + port);
        settings.put("client_id", clientId);
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
