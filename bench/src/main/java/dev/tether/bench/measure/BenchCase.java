package dev.tether.bench.measure;

/**
 * One cell of the matrix: QoS and payload size, and whether it is the extra row for Tether's file queue.
 *
 * @param count messages per throughput run
 */
public record BenchCase(int qos, int payloadBytes, boolean fileQueue, int count) {

    /** @return e.g. "QoS 1, 1 KiB" or "QoS 1, 64 B, file queue" */
    public String label() {
        String size = payloadBytes >= 1024 && payloadBytes % 1024 == 0 ? payloadBytes / 1024 + " KiB"
            : payloadBytes + " B";
        return "QoS " + qos + ", " + size + (fileQueue ? ", file queue" : "");
    }

    /** @return e.g. "qos1-1024b" or "qos1-64b-file" */
    public String key() {
        return "qos" + qos + "-" + payloadBytes + "b" + (fileQueue ? "-file" : "");
    }
}
