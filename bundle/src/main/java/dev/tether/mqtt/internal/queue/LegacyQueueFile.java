package dev.tether.mqtt.internal.queue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.log.Logger;

/**
 * The queue file of Tether before its own journal: an H2 MVStore beside the journal's folder, named
 * {@code queue-<connection>.mv}. This version does not read it (that would need H2 at run time); it says so once.
 */
final class LegacyQueueFile {

    private LegacyQueueFile() {
    }

    static void warnIfPresent(String connection, Path journalFolder, Logger logger) {
        Path legacy = journalFolder.resolveSibling(journalFolder.getFileName() + ".mv");
        if (Files.exists(legacy)) {
            logger.warn("Connection {}: {} is a queue file of an earlier Tether (H2 MVStore), which this version does"
                + " not read: messages in it are not sent. Delete it when it is no longer needed.", connection, legacy);
        }
    }
}
