package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment file in order, checking each record's length and checksum before using it. A
 * record that the end of the file cuts short, or a damaged last record, is where a crash interrupted a write (a torn
 * tail); a damaged record with more after it is damage on the disk, and is skipped.
 */
final class SegmentScanner {

    /** Receives the records that are whole. */
    interface Records {
        /** @param fields the record's bytes after its type and key */
        void record(byte type, long key, ByteBuffer fields, int recordBytes);
    }

    /** What one scan found: the file's size, where whole records end, and what it had to skip. */
    record Scan(long fileBytes, long validBytes, long tornBytes, int damaged, String damage) {
        boolean torn() {
            return tornBytes > 0;
        }
    }

    private SegmentScanner() {
    }

    /**
     * Reads the whole file at once: it is what the queue holds, and must be read anyway. A length is believed only if
     * the file has that many bytes, so nothing larger than the file is ever allocated.
     */
    static Scan scan(Path file, Records records) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("a segment of " + size + " bytes is larger than any this version writes");
            }
            bytes = ByteBuffer.allocate((int) size).order(ByteOrder.BIG_ENDIAN);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until full
            }
            bytes.flip();
        }
        return scan(bytes, records);
    }

    static Scan scan(ByteBuffer bytes, Records records) {
        int position = 0;
        int end = bytes.limit();
        long validBytes = 0;
        int damaged = 0;
        String damage = null;
        while (position < end) {
            int remaining = end - position;
            int length = remaining >= JournalRecords.HEADER_BYTES ? bytes.getInt(position) : -1;
            boolean fits = length >= JournalRecords.MIN_LENGTH && length <= remaining - JournalRecords.HEADER_BYTES;
            if (!fits) {
                if (length < 0 || length > remaining - JournalRecords.HEADER_BYTES) {
                    // cut short by the end of the file: a write the crash interrupted
                    return new Scan(end, validBytes, end - validBytes, damaged, damage);
                }
                // a length too small to be a record: nothing after it can be trusted to start a record
                return new Scan(end, validBytes, 0, damaged + 1, "an impossible record length " + length
                    + " at byte " + position + ", the rest of the file (" + remaining + " bytes) skipped");
            }
            int recordEnd = position + JournalRecords.HEADER_BYTES + length;
            int stored = bytes.getInt(position + 4);
            if (stored != JournalRecords.checksum(bytes, position + JournalRecords.HEADER_BYTES, length)) {
                if (recordEnd == end) {
                    // the last record, damaged: its write was interrupted
                    return new Scan(end, validBytes, end - validBytes, damaged, damage);
                }
                damaged++;
                damage = "a record of " + length + " bytes at byte " + position + " fails its checksum";
                position = recordEnd;
                validBytes = recordEnd;
                continue;
            }
            int fieldsStart = position + JournalRecords.HEADER_BYTES + JournalRecords.MIN_LENGTH;
            byte type = bytes.get(position + JournalRecords.HEADER_BYTES);
            long key = bytes.getLong(position + JournalRecords.HEADER_BYTES + 1);
            records.record(type, key, bytes.slice(fieldsStart, recordEnd - fieldsStart),
                JournalRecords.HEADER_BYTES + length);
            position = recordEnd;
            validBytes = recordEnd;
        }
        return new Scan(end, validBytes, 0, damaged, damage);
    }
}
