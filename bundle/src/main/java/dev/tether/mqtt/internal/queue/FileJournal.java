package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.service.log.Logger;

/**
 * The journal in a file of the bundle's data area: an H2 MVStore (the store Kura's own data service
 * builds on) with one ordered map from a sequence number to the encoded message. Appends are
 * committed to the file before they return; concurrent publishers share commits (group commit),
 * so one write serves many messages. Removals are committed with the next append or flush.
 * The file survives a crash of the process; it is not fsynced per message.
 */
final class FileJournal implements MessageJournal {

    /** MVStore's page cache, in MB: a queue is written and read once, a big cache buys nothing. */
    private static final int CACHE_MB = 1;

    private final Path file;
    private final Logger logger;
    private final MVStore store;
    private final MVMap<Long, byte[]> messages;
    private final AtomicLong nextKey;
    private final Object commitLock = new Object();
    private final AtomicLong commitsStarted = new AtomicLong();
    private volatile long commitsCompleted;
    private volatile boolean dirty;

    private FileJournal(Path file, Logger logger, MVStore store) {
        this.file = file;
        this.logger = logger;
        this.store = store;
        this.messages = store.openMap("outbound");
        Long last = messages.lastKey();
        this.nextKey = new AtomicLong(last == null ? 1 : last + 1);
    }

    /** @throws JournalException when the file cannot be opened (locked by another process, unreadable, corrupt) */
    static FileJournal open(Path file, Logger logger) throws JournalException {
        try {
            Files.createDirectories(file.getParent());
            MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).autoCommitDisabled()
                .open();
            return new FileJournal(file, logger, store);
        } catch (IOException | RuntimeException e) {
            throw new JournalException("cannot open the message queue file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void append(OutboundMessage message) throws JournalException {
        appendAll(List.of(message));
    }

    /** Stores messages with one commit; if that fails, none of them is stored. */
    void appendAll(List<OutboundMessage> pending) throws JournalException {
        List<OutboundMessage> stored = new ArrayList<>(pending.size());
        try {
            for (OutboundMessage message : pending) {
                long key = nextKey.getAndIncrement();
                messages.put(key, JournalRecords.encode(message));
                message.journalKey = key;
                stored.add(message);
            }
            commitIncluding();
        } catch (RuntimeException e) {
            for (OutboundMessage message : stored) {
                messages.remove(message.journalKey);
                message.journalKey = 0;
            }
            throw new JournalException("cannot write to the message queue file " + file + " (" + e.getMessage() + ")",
                e);
        }
    }

    /**
     * Returns once a commit that started after the caller's change has finished: the first waiting
     * publisher commits for everyone whose change came before it.
     */
    private void commitIncluding() {
        long ticket = commitsStarted.get();
        synchronized (commitLock) {
            if (commitsCompleted > ticket) {
                return;
            }
            long number = commitsStarted.incrementAndGet();
            dirty = false;
            store.commit();
            commitsCompleted = number;
        }
    }

    @Override
    public void remove(OutboundMessage message) {
        long key = message.journalKey;
        if (key == 0) {
            return;
        }
        message.journalKey = 0;
        try {
            messages.remove(key);
            dirty = true;
        } catch (RuntimeException e) {
            // the store closed meanwhile (shutdown, switch to memory): the record stays, and the message is
            // sent once more after the next start, which at-least-once allows
        }
    }

    @Override
    public void update(OutboundMessage message) {
        long key = message.journalKey;
        if (key == 0) {
            return;
        }
        try {
            messages.put(key, JournalRecords.encode(message));
            if (message.journalKey == 0) {
                // acknowledged meanwhile: the record must not come back
                messages.remove(key);
            }
            commitIncluding();
        } catch (RuntimeException e) {
            logger.warn("Message queue file {}: the packet id of the message to {} was not stored ({}); after a"
                + " restart it is sent as a new message", file, message.topic, e.getMessage());
        }
    }

    @Override
    public List<OutboundMessage> recover() {
        List<OutboundMessage> recovered = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        for (Map.Entry<Long, byte[]> entry : messages.entrySet()) {
            try {
                OutboundMessage message = JournalRecords.decode(entry.getValue());
                message.journalKey = entry.getKey();
                recovered.add(message);
            } catch (IOException | RuntimeException e) {
                unreadable.add(entry.getKey());
            }
        }
        if (!unreadable.isEmpty()) {
            logger.error("Message queue file {}: {} unreadable record(s) dropped", file, unreadable.size());
            unreadable.forEach(messages::remove);
            dirty = true;
        }
        return recovered;
    }

    @Override
    public void flush() {
        if (dirty) {
            synchronized (commitLock) {
                dirty = false;
                try {
                    store.commit();
                } catch (RuntimeException e) {
                    // closed meanwhile; what was not committed is sent again after the next start
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (RuntimeException e) {
            logger.warn("Message queue file {} did not close cleanly; it is recovered at the next start", file, e);
        }
    }

    @Override
    public void delete() {
        store.closeImmediately();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            logger.warn("Message queue file {} could not be deleted", file, e);
        }
    }

    int size() {
        return messages.size();
    }

    /** Drops the store without writing what is not committed yet, as a crash would (for tests). */
    void closeWithoutCommit() {
        store.closeImmediately();
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
