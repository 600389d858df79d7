package dev.tether.bench.measure;

/**
 * What this JVM wrote while one publish run went on, from {@code /proc/self/io}, against the size of the journal
 * record of one message (39 bytes, the topic and the payload).
 *
 * @param available    false when {@code /proc/self/io} could not be read: the other figures are then 0
 * @param storageBytes {@code write_bytes} less {@code cancelled_write_bytes}: bytes sent (or to be sent) to the
 *                     storage layer, counted as page-cache pages are dirtied
 * @param wcharBytes   {@code wchar}: bytes passed to write calls, files, pipes and sockets alike
 */
public record Wear(boolean available, int messages, int recordBytes, long storageBytes, long wcharBytes) {

    /** Journal bytes of a queued message besides its topic and payload. */
    public static final int RECORD_OVERHEAD = 39;

    public static Wear unavailable(int messages, int recordBytes) {
        return new Wear(false, messages, recordBytes, 0, 0);
    }

    /** @return NaN when not available */
    public double storagePerMessage() {
        return available && messages > 0 ? storageBytes / (double) messages : Double.NaN;
    }

    /** @return NaN when not available */
    public double wcharPerMessage() {
        return available && messages > 0 ? wcharBytes / (double) messages : Double.NaN;
    }

    public double storageRatio() {
        return storagePerMessage() / recordBytes;
    }

    public double wcharRatio() {
        return wcharPerMessage() / recordBytes;
    }
}
