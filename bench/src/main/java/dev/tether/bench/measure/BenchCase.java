package dev.tether.bench.measure;

/**
 * One cell of the matrix: QoS and payload size, and where Tether keeps the queue (the file-queue rows are Tether's
 * alone).
 *
 * @param count messages per throughput run
 */
public record BenchCase(int qos, int payloadBytes, QueueKind queue, int count) {

    /** @return whether this is one of Tether's file-queue rows */
    public boolean fileQueue() {
        return queue.file();
    }

    /** @return e.g. "QoS 1, 1 KiB" or "QoS 1, 64 B, file queue" */
    public String label() {
        String size = payloadBytes >= 1024 && payloadBytes % 1024 == 0 ? payloadBytes / 1024 + " KiB"
            : payloadBytes + " B";
        return "QoS " + qos + ", " + size + queue.labelSuffix();
    }

    /** @return e.g. "qos1-1024b", "qos1-64b-file" or "qos1-64b-fsync" */
    public String key() {
        return "qos" + qos + "-" + payloadBytes + "b" + queue.keySuffix();
    }
}
