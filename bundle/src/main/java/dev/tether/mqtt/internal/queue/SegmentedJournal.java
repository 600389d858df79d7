package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.internal.config.QueueSync;

/**
 * The queue in files of the bundle's data area: an append-only journal in segments of about
 * {@value #SEGMENT_BYTES} bytes. A publish appends its message as one checksummed record with one write to the
 * operating system (and an fsync with {@code queue_sync=always}, shared by publishers that wait at once, or one a
 * second for all with {@code queue_sync=interval}); an
 * acknowledgement appends a small ACK record, batched. A segment is deleted once no message in it waits for an
 * acknowledgement and the older ones are gone; when old segments hold little that is still waiting, those messages
 * are copied to the newest segment, so the files never hold much more than twice what the queue holds.
 * Thread safe.
 */
final class SegmentedJournal implements MessageJournal {

    static final long SEGMENT_BYTES = 1L << 20;

    private final Path folder;
    private final QueueFiles files;
    private final FolderLock lock;
    private final Logger logger;
    private volatile QueueSync sync;
    private final Deque<Segment> segments;
    private Segment head;
    private long nextKey;
    private long nextSegmentNumber;
    /** Bytes in all segment files, and in the MESSAGE records of the messages still waiting. */
    private long diskBytes;
    private long liveBytes;
    private final PendingAcks acks = new PendingAcks();
    private List<OutboundMessage> recovered;
    private boolean closed;
    /** A write failed and was logged; the next one that works is logged too. */
    private boolean failing;

    /** Writes so far, and those that an fsync covers: publishers waiting at once share one fsync. */
    private long written;
    private final Object syncLock = new Object();
    private long synced;

    private SegmentedJournal(Path folder, QueueFiles files, FolderLock lock, Logger logger, QueueSync sync,
            JournalRecovery.Recovered found) {
        this.folder = folder;
        this.files = files;
        this.lock = lock;
        this.logger = logger;
        this.sync = sync;
        this.segments = new ArrayDeque<>(found.segments());
        this.recovered = found.messages();
        this.nextKey = found.nextKey();
        this.nextSegmentNumber = found.nextSegmentNumber();
        this.head = segments.peekLast();
        for (Segment segment : segments) {
            diskBytes += segment.size();
        }
        for (OutboundMessage message : recovered) {
            liveBytes += message.journalBytes;
        }
    }

    /**
     * Opens the journal in a folder of its own, reading what an earlier run left there.
     *
     * @throws JournalException when the folder cannot be created or read
     */
    static SegmentedJournal open(Path folder, Logger logger, QueueSync sync) throws JournalException {
        return open(folder, QueueFiles.DEFAULT, logger, sync);
    }

    static SegmentedJournal open(Path folder, QueueFiles files, Logger logger, QueueSync sync)
            throws JournalException {
        FolderLock lock = null;
        try {
            Files.createDirectories(folder);
            lock = FolderLock.take(folder);
            SegmentedJournal journal = new SegmentedJournal(folder, files, lock, logger, sync,
                JournalRecovery.recover(files, folder, logger));
            synchronized (journal) {
                journal.reclaim();
            }
            return journal;
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.release();
            }
            throw new JournalException("cannot open the message queue in " + folder + " (" + describe(e) + ")", e);
        }
    }

    /** Changes when writes are forced to the disk, from the next publish on. */
    void sync(QueueSync newSync) {
        sync = newSync;
    }

    @Override
    public void append(OutboundMessage message) throws JournalException {
        long ticket;
        synchronized (this) {
            ticket = write(message);
        }
        if (sync == QueueSync.ALWAYS) {
            try {
                syncThrough(ticket);
            } catch (IOException e) {
                remove(message);
                throw failure("cannot force the message queue file to the disk", e);
            }
        }
    }

    /** Stores messages that were queued in memory; if one cannot be stored, none of them stays stored. */
    void appendAll(List<OutboundMessage> messages) throws JournalException {
        List<OutboundMessage> stored = new ArrayList<>(messages.size());
        try {
            for (OutboundMessage message : messages) {
                append(message);
                stored.add(message);
            }
        } catch (JournalException e) {
            stored.forEach(this::remove);
            throw e;
        }
    }

    /** Appends the message's record, and with it the ACK records waiting. @return the write's ticket for a sync */
    private long write(OutboundMessage message) throws JournalException {
        if (closed) {
            throw new JournalException("the message queue in " + folder + " is closed", null);
        }
        long key = nextKey;
        ByteBuffer record = JournalRecords.message(key, message);
        int bytes = record.remaining();
        try {
            Segment segment = appendWithAcks(record);
            nextKey++;
            liveBytes += bytes;
            message.journalKey = key;
            message.journalBytes = bytes;
            message.journalSegment = segment;
            segment.live.add(message);
            recovering();
        } catch (IOException e) {
            throw failure("cannot write to the message queue file", e);
        }
        if (segments.peekFirst() != head && diskBytes > 2 * liveBytes + SEGMENT_BYTES) {
            // a segment just filled up while an older one holds little that waits: carry that forward now
            reclaim();
        }
        return ++written;
    }

    /** Appends a record after the ACK records waiting, in one write. @return the segment it went to */
    private Segment appendWithAcks(ByteBuffer record) throws IOException {
        ByteBuffer waitingAcks = acks.toWrite();
        Segment segment = headWithRoomFor(waitingAcks.remaining() + record.remaining());
        int bytes = waitingAcks.remaining() + record.remaining();
        segment.append(waitingAcks, record);
        acks.written();
        diskBytes += bytes;
        return segment;
    }

    /** Forces the writes up to this ticket to the disk, with one fsync for every publisher waiting at that moment. */
    private void syncThrough(long ticket) throws IOException {
        synchronized (syncLock) {
            if (synced >= ticket) {
                return;
            }
            long covered;
            Segment segment;
            synchronized (this) {
                covered = written;
                segment = head;
            }
            try {
                segment.force();
            } catch (ClosedChannelException e) {
                // rolled over or closed meanwhile, and forced before it was closed
            }
            synced = covered;
        }
    }

    private Segment headWithRoomFor(int bytes) throws IOException {
        if (head == null || (head.size() > 0 && head.size() + bytes > SEGMENT_BYTES)) {
            Segment next = Segment.create(files, folder, nextSegmentNumber);
            nextSegmentNumber++;
            if (head != null) {
                if (sync != QueueSync.NONE) {
                    head.force();
                }
                head.close();
            }
            if (sync != QueueSync.NONE) {
                forceFolder();
            }
            segments.addLast(next);
            head = next;
        }
        return head;
    }

    /** A new file's name must reach the disk too, or a power cut could lose the file with its records. */
    private void forceFolder() throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for this; the file's own fsync is what they offer
        }
    }

    @Override
    public synchronized void remove(OutboundMessage message) {
        long key = message.journalKey;
        Segment segment = message.journalSegment;
        if (key == 0 || segment == null) {
            return;
        }
        message.journalKey = 0;
        message.journalSegment = null;
        segment.live.remove(message);
        liveBytes -= message.journalBytes;
        if (closed) {
            return;
        }
        if (acks.add(key)) {
            writeAcks();
        }
    }

    @Override
    public void update(OutboundMessage message) {
        long ticket;
        synchronized (this) {
            if (message.journalKey == 0 || closed) {
                return;
            }
            ByteBuffer record = JournalRecords.state(message.journalKey, message);
            try {
                appendWithAcks(record);
                ticket = ++written;
            } catch (IOException e) {
                logger.warn("Message queue in {}: the packet id of the message to {} was not stored ({}); after a"
                    + " restart it is sent as a new message", folder, message.topic, describe(e));
                return;
            }
        }
        if (sync == QueueSync.ALWAYS) {
            try {
                syncThrough(ticket);
            } catch (IOException e) {
                logger.warn("Message queue in {}: cannot force the file to the disk ({})", folder, describe(e));
            }
        }
    }

    @Override
    public List<OutboundMessage> recover() {
        synchronized (this) {
            List<OutboundMessage> found = recovered;
            recovered = List.of();
            return found;
        }
    }

    @Override
    public void flush() {
        long ticket;
        synchronized (this) {
            if (closed) {
                return;
            }
            writeAcks();
            ticket = written;
        }
        if (sync == QueueSync.INTERVAL) {
            // once a second (the connection's flush): what was written since is forced to the disk together
            try {
                syncThrough(ticket);
            } catch (IOException e) {
                logger.warn("Message queue in {}: cannot force the file to the disk ({})", folder, describe(e));
            }
        }
    }

    /** Writes the ACK records waiting; if the disk refuses, they wait for the next try. */
    private void writeAcks() {
        if (acks.bytes() > 0) {
            try {
                ByteBuffer waiting = acks.toWrite();
                headWithRoomFor(waiting.remaining()).append(waiting);
                diskBytes += waiting.limit();
                acks.written();
                recovering();
            } catch (IOException e) {
                failure("cannot write acknowledgements to the message queue file", e);
                return;
            }
        }
        reclaim();
    }

    /**
     * Deletes the oldest segments that hold no waiting message. While the files hold more than twice the waiting
     * messages (plus a segment), copies the waiting messages of the oldest segment to the newest, so that it can go.
     */
    private void reclaim() {
        try {
            while (segments.size() > 1) {
                Segment oldest = segments.peekFirst();
                if (!oldest.live.isEmpty()) {
                    if (diskBytes <= 2 * liveBytes + SEGMENT_BYTES) {
                        return;
                    }
                    copyToHead(oldest);
                }
                segments.removeFirst();
                diskBytes -= oldest.size();
                oldest.delete();
            }
        } catch (IOException e) {
            failure("cannot reclaim space in the message queue", e);
        }
    }

    private void copyToHead(Segment oldest) throws IOException {
        for (OutboundMessage message : new ArrayList<>(oldest.live)) {
            ByteBuffer record = JournalRecords.message(message.journalKey, message);
            Segment segment = appendWithAcks(record);
            oldest.live.remove(message);
            segment.live.add(message);
            message.journalSegment = segment;
        }
        if (sync != QueueSync.NONE) {
            head.force();
        }
    }

    private JournalException failure(String what, IOException e) {
        String text = what + " in " + folder + " (" + describe(e) + ")";
        if (!failing) {
            failing = true;
            logger.error("Message queue: {}; publishing QoS 1 and 2 fails with STORE_FAILED until it works again, and"
                + " what the queue holds is still sent", text);
        }
        return new JournalException(text, e);
    }

    private void recovering() {
        if (failing) {
            failing = false;
            logger.info("Message queue in {}: writing works again", folder);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
            + e.getMessage();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        writeAcks();
        closed = true;
        if (sync != QueueSync.NONE && head != null) {
            try {
                head.force();
            } catch (IOException e) {
                logger.warn("Message queue in {}: cannot force the file to the disk on closing ({})", folder,
                    describe(e));
            }
        }
        segments.forEach(Segment::close);
        lock.release();
    }

    @Override
    public synchronized void delete() {
        closed = true;
        for (Segment segment : segments) {
            try {
                segment.delete();
            } catch (IOException e) {
                logger.warn("Message queue file {} could not be deleted", segment, e);
            }
        }
        segments.clear();
        try {
            lock.delete();
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            logger.warn("Message queue folder {} could not be deleted", folder, e);
        }
    }

    /** Lets go of the files without writing what waits, as the end of the process would (for tests). */
    synchronized void abandon() {
        closed = true;
        segments.forEach(Segment::close);
        lock.release();
    }

    /** Bytes in the segment files now (for tests of the disk bound). */
    synchronized long diskBytes() {
        return diskBytes;
    }

    /** Bytes of the records of the messages still waiting (for tests of the disk bound). */
    synchronized long liveBytes() {
        return liveBytes;
    }

    @Override
    public String toString() {
        return "file " + folder;
    }
}
