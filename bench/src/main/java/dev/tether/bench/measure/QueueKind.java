package dev.tether.bench.measure;

/** Where Tether keeps a case's queued messages: the extra rows of issue 16 are Tether's alone. */
public enum QueueKind {

    /** {@code queue_persistence=memory}, every client's rows (Paho's {@code MemoryPersistence}). */
    MEMORY("", "", null),
    /** {@code queue_persistence=file}, {@code queue_sync=none}: survives a process kill. */
    FILE("-file", ", file queue", "none"),
    /** {@code queue_persistence=file}, {@code queue_sync=interval}: as FILE, and an fsync once a second. */
    FILE_INTERVAL("-interval", ", file queue, queue_sync=interval", "interval"),
    /** {@code queue_persistence=file}, {@code queue_sync=always}: fsync before publish returns. */
    FILE_SYNCED("-fsync", ", file queue, queue_sync=always", "always");

    private final String keySuffix;
    private final String labelSuffix;
    private final String queueSync;

    QueueKind(String keySuffix, String labelSuffix, String queueSync) {
        this.keySuffix = keySuffix;
        this.labelSuffix = labelSuffix;
        this.queueSync = queueSync;
    }

    public boolean file() {
        return this != MEMORY;
    }

    /** @return e.g. "-file", appended to case keys and to Tether's column key */
    public String keySuffix() {
        return keySuffix;
    }

    /** @return e.g. ", file queue", appended to case labels */
    public String labelSuffix() {
        return labelSuffix;
    }

    /** @return the {@code queue_sync} value, null for the memory queue */
    public String queueSync() {
        return queueSync;
    }
}
