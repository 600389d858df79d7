package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.service.log.Logger;

/**
 * Rebuilds the queue from its segment files at start: every whole record in order, the newest MESSAGE record of a
 * key winning, ACK records removing theirs. A record torn by a crash at the end of the newest file is cut off and
 * logged once; damage anywhere else is reported with the file's name, and everything readable is kept.
 */
final class JournalRecovery {

    /** The segments found, oldest first (the newest ready to append to), and what they hold. */
    record Recovered(List<Segment> segments, List<OutboundMessage> messages, long nextKey, long nextSegmentNumber) {
    }

    private record Entry(OutboundMessage message, int segment, int bytes) {
    }

    private final Logger logger;
    private final TreeMap<Long, Entry> byKey = new TreeMap<>();
    private long highestKey;
    private int unreadable;

    private JournalRecovery(Logger logger) {
        this.logger = logger;
    }

    static Recovered recover(QueueFiles opener, Path folder, Logger logger) throws IOException {
        return new JournalRecovery(logger).read(opener, segmentFiles(folder));
    }

    static List<Path> segmentFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Segment.numberOf(file) >= 0)
                .sorted(Comparator.comparingLong(Segment::numberOf)).toList();
        }
    }

    private Recovered read(QueueFiles opener, List<Path> files) throws IOException {
        List<Long> sizes = new ArrayList<>();
        long lastValidBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            int segment = i;
            SegmentScanner.Scan scan = SegmentScanner.scan(file,
                (type, key, fields, bytes) -> apply(segment, type, key, fields, bytes));
            report(file, scan, i == files.size() - 1);
            sizes.add(scan.fileBytes());
            lastValidBytes = scan.validBytes();
        }
        List<Segment> segments = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                boolean newest = i == files.size() - 1;
                segments.add(newest ? Segment.reopen(opener, files.get(i), lastValidBytes)
                    : Segment.existing(files.get(i), sizes.get(i)));
            }
        } catch (IOException e) {
            segments.forEach(Segment::close);
            throw e;
        }
        List<OutboundMessage> messages = new ArrayList<>(byKey.size());
        byKey.forEach((key, entry) -> {
            OutboundMessage message = entry.message();
            Segment segment = segments.get(entry.segment());
            message.journalKey = key;
            message.journalBytes = entry.bytes();
            message.journalSegment = segment;
            segment.live.add(message);
            messages.add(message);
        });
        long nextSegment = files.isEmpty() ? 1 : Segment.numberOf(files.get(files.size() - 1)) + 1;
        return new Recovered(segments, messages, highestKey + 1, nextSegment);
    }

    private void apply(int segment, byte type, long key, ByteBuffer fields, int bytes) {
        highestKey = Math.max(highestKey, key);
        try {
            switch (type) {
                case JournalRecords.MESSAGE -> byKey.put(key, new Entry(JournalRecords.readMessage(fields), segment,
                    bytes));
                case JournalRecords.ACK -> byKey.remove(key);
                case JournalRecords.STATE -> {
                    Entry entry = byKey.get(key);
                    if (entry != null) {
                        JournalRecords.readState(fields, entry.message());
                    }
                }
                default -> unreadable++;
            }
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            unreadable++;
        }
    }

    private void report(Path file, SegmentScanner.Scan scan, boolean newest) {
        if (scan.torn() && newest) {
            logger.warn("Queue file {}: its last record was cut short by a crash in mid-write ({} bytes after byte {});"
                + " it is skipped, and every record before it is recovered", file, scan.tornBytes(), scan.validBytes());
        } else if (scan.torn()) {
            logger.error("Queue file {}: {} bytes at its end are unreadable and were skipped; the records before them,"
                + " and the other queue files, are recovered", file, scan.tornBytes());
        }
        if (scan.damaged() > 0) {
            logger.error("Queue file {}: {} damaged record(s) skipped (last: {}); the other records, and the other queue"
                + " files, are recovered", file, scan.damaged(), scan.damage());
        }
        if (unreadable > 0) {
            logger.error("Queue file {}: {} record(s) that this version cannot read were skipped", file, unreadable);
            unreadable = 0;
        }
    }
}
