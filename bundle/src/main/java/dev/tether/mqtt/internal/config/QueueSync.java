package dev.tether.mqtt.internal.config;

/** When the queue file is forced to the disk ({@code queue_sync}). */
public enum QueueSync {
    /** Written to the operating system before publish returns: survives a crash or kill of the process. */
    NONE,
    /** Forced to the disk once a second: a power cut loses at most the last second's messages. */
    INTERVAL,
    /** Forced to the disk (fsync) before publish returns: survives a power cut too. */
    ALWAYS;

    static QueueSync of(String option) {
        return switch (option) {
            case "always" -> ALWAYS;
            case "interval" -> INTERVAL;
            default -> NONE;
        };
    }
}
