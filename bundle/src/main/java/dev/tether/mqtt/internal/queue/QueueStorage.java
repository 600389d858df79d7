package dev.tether.mqtt.internal.queue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.internal.config.QueueSync;

/**
 * Where one connection's queued QoS 1 and 2 messages are kept: in memory, or in files of the bundle's data area
 * ({@code queue_persistence}, {@code queue_sync}). Switching carries the queued messages across; opening the files
 * queues what an earlier run left in them. Thread safe.
 */
public final class QueueStorage {

    private final String name;
    private final Logger logger;
    private final Path folder;
    private final QueueFiles files;
    /** Publishers store under the read lock; switching between memory and file takes the write lock. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile MessageJournal journal = MessageJournal.MEMORY;
    /** What the last {@link #use} asked for, to open the files again with. Guarded by the write lock. */
    private QueueSync sync = QueueSync.NONE;
    private OutboundQueue queue;

    /** @param folder the queue's own folder; null if the framework gives no data area */
    public QueueStorage(String name, Logger logger, Path folder, QueueFiles files) {
        this.name = name;
        this.logger = logger;
        this.folder = folder;
        this.files = files;
    }

    public boolean persistent() {
        return journal != MessageJournal.MEMORY;
    }

    /**
     * Opens the queue's files (and queues what an earlier run left in them) or goes back to memory (and deletes the
     * files), carrying the messages queued now across. Files that cannot be opened (a read-only or full data area)
     * make QoS 1/2 publishing fail with STORE_FAILED, never silently keep the messages in memory only, and are tried
     * again at each {@link #flush()}.
     */
    public void use(boolean persistent, QueueSync sync, OutboundQueue queue) {
        lock.writeLock().lock();
        try {
            this.sync = sync;
            this.queue = queue;
            if (journal instanceof SegmentedJournal opened) {
                opened.sync(sync);
            }
            if (persistent == persistent()) {
                return;
            }
            if (!persistent) {
                journal.delete();
                journal = MessageJournal.MEMORY;
                logger.info("Connection {}: the queue is kept in memory only (queue_persistence=memory)", name);
                return;
            }
            if (folder == null) {
                logger.error("Connection {}: queue_persistence=file, but the framework gives this bundle no data area;"
                    + " the queue is kept in memory only", name);
                return;
            }
            LegacyQueueFile.warnIfPresent(name, folder, logger);
            open();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Opens the files, queues what they hold, stores what the queue holds now. Under the write lock. */
    private void open() {
        try {
            SegmentedJournal opened = SegmentedJournal.open(folder, files, logger, sync);
            List<OutboundMessage> recovered;
            try {
                recovered = opened.recover();
                opened.appendAll(queue.pending());
            } catch (MessageJournal.JournalException | RuntimeException e) {
                opened.close();
                throw e;
            }
            if (journal instanceof UnavailableJournal) {
                logger.info("Connection {}: the message queue in {} opened; publishing QoS 1 and 2 works again", name,
                    folder);
            }
            journal = opened;
            if (!recovered.isEmpty()) {
                logger.info("Connection {}: {} message(s) from the last run queued from {}", name, recovered.size(),
                    folder);
                queue.restore(recovered);
            }
        } catch (MessageJournal.JournalException e) {
            if (!(journal instanceof UnavailableJournal)) {
                logger.error("Connection {}: {}; publishing QoS 1 and 2 fails with STORE_FAILED until it opens (tried"
                    + " again every second)", name, e.getMessage(), e);
            }
            journal = new UnavailableJournal(e.getMessage());
        }
    }

    /**
     * Stores a QoS 1 or 2 message (not QoS 0, which is never queued), then queues it, both under one lock so that
     * a switch of storage cannot miss it.
     *
     * @throws MessageJournal.JournalException when it cannot be stored; it is not queued then
     */
    public void storeAndQueue(OutboundMessage message, OutboundQueue queue) throws MessageJournal.JournalException {
        lock.readLock().lock();
        try {
            if (message.qos > 0) {
                journal.append(message);
            }
            queue.publish(message);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forgets an acknowledged, dropped or failed message. */
    public void remove(OutboundMessage message) {
        journal.remove(message);
    }

    /** Records a stored message's packet id and PUBREC (see {@link MessageJournal#update}). */
    public void update(OutboundMessage message) {
        journal.update(message);
    }

    /** Makes pending removals durable; tries again to open files that could not be opened. */
    public void flush() {
        if (journal instanceof UnavailableJournal) {
            lock.writeLock().lock();
            try {
                if (journal instanceof UnavailableJournal) {
                    open();
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
        journal.flush();
    }

    public void close() {
        lock.writeLock().lock();
        try {
            journal.close();
            journal = MessageJournal.MEMORY;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
