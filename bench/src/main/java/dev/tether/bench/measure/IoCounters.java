package dev.tether.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's I/O counters from {@code /proc/self/io}: the whole JVM, so Tether's bundle and the harness alike.
 * Some containers have no such file or refuse it; then there is nothing to report, and nothing fails.
 */
final class IoCounters {

    private static final Path IO = Path.of("/proc/self/io");

    private IoCounters() {
    }

    /** The counters at one moment. */
    record Snapshot(long wchar, long writeBytes, long cancelledWriteBytes) {
    }

    /** @return now's counters, null when the system does not tell */
    static Snapshot take() {
        try {
            return parse(Files.readString(IO));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the counters in the text of {@code /proc/PID/io}, null when one is missing */
    static Snapshot parse(String text) {
        long wchar = -1;
        long write = -1;
        long cancelled = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            long value;
            try {
                value = Long.parseLong(line.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            switch (line.substring(0, colon).trim()) {
                case "wchar" -> wchar = value;
                case "write_bytes" -> write = value;
                case "cancelled_write_bytes" -> cancelled = value;
                default -> {
                    // rchar, syscr and the rest are of no use here
                }
            }
        }
        return wchar < 0 || write < 0 || cancelled < 0 ? null : new Snapshot(wchar, write, cancelled);
    }

    /** @return what was written since {@code start} by {@code messages} messages of {@code recordBytes} each */
    static Wear since(Snapshot start, int messages, int recordBytes) {
        Snapshot end = start == null ? null : take();
        if (end == null) {
            return Wear.unavailable(messages, recordBytes);
        }
        long storage = end.writeBytes() - start.writeBytes() - (end.cancelledWriteBytes()
            - start.cancelledWriteBytes());
        return new Wear(true, messages, recordBytes, storage, end.wchar() - start.wchar());
    }
}
