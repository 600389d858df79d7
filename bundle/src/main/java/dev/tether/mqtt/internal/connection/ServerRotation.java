package dev.tether.mqtt.internal.connection;

import java.util.Optional;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ServerAddress;

/**
 * Which broker the next attempt goes to: the configured server, and when an attempt fails and there is a backup
 * server, the other one, so attempts alternate. Confined to the connection's loop thread.
 */
final class ServerRotation {

    private final ServerAddress primary;
    private final Optional<ServerAddress> backup;
    private boolean onBackup;

    ServerRotation(ConnectionSettings settings) {
        this.primary = settings.server();
        this.backup = settings.backupServer();
    }

    ServerAddress current() {
        return onBackup ? backup.orElseThrow() : primary;
    }

    boolean onBackup() {
        return onBackup;
    }

    /** The attempt to {@link #current()} failed: the next goes to the other server, when there is one. */
    void attemptFailed() {
        if (backup.isPresent()) {
            onBackup = !onBackup;
        }
    }

    void returnToPrimary() {
        onBackup = false;
    }
}
