package dev.tether.mqtt.internal.connection;

import java.util.Optional;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.ServerAddress;

/**
 * Which broker the next attempt goes to: the configured server, and when an attempt fails and there is a backup
 * server, the other one, so attempts alternate. A broker may send the client elsewhere (MQTT 5.0, 4.11): Server moved
 * (0x9D) replaces the configured server until the configuration changes or Tether restarts; Use another server
 * (0x9C) holds for the attempts and the connection that follow, until one of them fails or is lost. At most
 * {@value #MOST_REDIRECTS} redirects in a row are followed without a connection in between, so two brokers that
 * send a client to each other do not keep it away for ever. Confined to the connection's loop thread.
 */
final class ServerRotation {

    static final int MOST_REDIRECTS = 5;

    private ServerAddress primary;
    private final Optional<ServerAddress> backup;
    private ServerAddress redirected;
    private boolean onBackup;
    private int redirectsInARow;

    ServerRotation(ConnectionSettings settings) {
        this.primary = settings.server();
        this.backup = settings.backupServer();
    }

    ServerAddress current() {
        if (redirected != null) {
            return redirected;
        }
        return onBackup ? backup.orElseThrow() : primary;
    }

    boolean onBackup() {
        return redirected == null && onBackup;
    }

    /** The attempt to {@link #current()} failed: the next goes to the other server, when there is one. */
    void attemptFailed() {
        if (redirected != null) {
            redirected = null;
            return;
        }
        if (backup.isPresent()) {
            onBackup = !onBackup;
        }
    }

    /**
     * @param permanently Server moved (0x9D) rather than Use another server (0x9C)
     * @return whether the redirect is followed: false after {@value #MOST_REDIRECTS} in a row
     */
    boolean redirect(ServerAddress to, boolean permanently) {
        if (++redirectsInARow > MOST_REDIRECTS) {
            redirected = null;
            return false;
        }
        if (permanently) {
            primary = to;
            redirected = null;
            onBackup = false;
        } else {
            redirected = to;
        }
        return true;
    }

    void connected() {
        redirectsInARow = 0;
    }

    /** A connection that was up was lost: a temporary redirect ends with it. */
    void connectionLost() {
        redirected = null;
    }

    void returnToPrimary() {
        onBackup = false;
        redirected = null;
    }
}
