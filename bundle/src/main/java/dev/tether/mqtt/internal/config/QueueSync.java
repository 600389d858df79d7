package dev.tether.mqtt.internal.config;

/** When the queue file is forced to the disk ({@code queue_sync}). */
public enum QueueSync {
    /** Written to the operating system before publish returns: survives a crash or kill of the process. */
    NONE,
    /** Forced to the disk (fsync) before publish returns: survives a power cut too. */
    ALWAYS;

    static QueueSync of(String option) {
        return option.equals("always") ? ALWAYS : NONE;
    }
}
