package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the queue's journal: records are only ever appended to it, and it is deleted as a whole once it holds
 * no message still waiting for an acknowledgement. Not thread safe: the journal guards it.
 */
final class Segment {

    private static final Pattern NAME = Pattern.compile("segment-(\\d{10})\\.log");

    final long number;
    final Path file;
    /** Open only while records are appended to this file: the older ones need no file handle. */
    private volatile FileChannel channel;
    /** Bytes in the file: where the next record goes. */
    private long size;
    /** The messages whose newest MESSAGE record is in this file and that are not acknowledged yet. */
    final Set<OutboundMessage> live = Collections.newSetFromMap(new IdentityHashMap<>());

    private Segment(long number, Path file, FileChannel channel, long size) {
        this.number = number;
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static String fileName(long number) {
        return String.format("segment-%010d.log", number);
    }

    /** @return the segment number of a file name, or -1 if the file is not a segment */
    static long numberOf(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    static Segment create(QueueFiles files, Path folder, long number) throws IOException {
        Path file = folder.resolve(fileName(number));
        FileChannel channel = files.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Segment(number, file, channel, 0);
    }

    /** An existing segment, kept until its messages are acknowledged; nothing more is written to it. */
    static Segment existing(Path file, long size) {
        return new Segment(numberOf(file), file, null, size);
    }

    /** Opens an existing segment to append after its first {@code validBytes}; anything after them is cut off. */
    static Segment reopen(QueueFiles files, Path file, long validBytes) throws IOException {
        FileChannel channel = files.open(file, StandardOpenOption.WRITE);
        try {
            if (channel.size() > validBytes) {
                channel.truncate(validBytes);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Segment(numberOf(file), file, channel, validBytes);
    }

    long size() {
        return size;
    }

    /**
     * Writes the buffers at the end of the file. If that fails part way (a full disk), cuts the file back to where
     * it was, so that the next record starts on a record boundary.
     */
    void append(ByteBuffer... buffers) throws IOException {
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        if (channel == null) {
            throw new IOException("the queue file " + file + " is closed");
        }
        long start = size;
        try {
            channel.position(start);
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException | RuntimeException ignored) {
                // the torn record stays: recovery skips it by its checksum
            }
            throw e;
        }
        size = channel.position();
    }

    /** Asks the operating system to put what was written on the disk (queue_sync=always). */
    void force() throws IOException {
        FileChannel open = channel;
        if (open != null) {
            open.force(false);
        }
    }

    /** This segment is no longer the one appended to. */
    void close() {
        FileChannel open = channel;
        channel = null;
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            // nothing is buffered in the channel itself: what was written is in the operating system's hands
        }
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
