package dev.tether.mqtt.internal.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.ConnectionListener;
import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.Registration;

/** The connection listeners of one connection, each told in order through its own mailbox. */
final class ConnectionListeners {

    private static final int MAILBOX_CAPACITY = 1000;

    private final Executor pool;
    private final Logger logger;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    private record Entry(ConnectionListener listener, Mailbox mailbox) {
    }

    ConnectionListeners(Executor pool, Logger logger) {
        this.pool = pool;
        this.logger = logger;
    }

    Registration add(ConnectionListener listener) {
        Entry entry = new Entry(listener, new Mailbox(pool, MAILBOX_CAPACITY));
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    void connected(ConnectionStatus status) {
        tell(listener -> listener.connected(status));
    }

    void disconnected(ConnectionStatus status, Throwable cause) {
        tell(listener -> listener.disconnected(status, cause));
    }

    void clear() {
        entries.clear();
    }

    private void tell(Consumer<ConnectionListener> event) {
        for (Entry entry : entries) {
            entry.mailbox().offer(() -> {
                try {
                    event.accept(entry.listener());
                } catch (RuntimeException | Error e) {
                    logger.error("Connection listener {} failed", entry.listener(), e);
                }
            });
        }
    }
}
