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
     * Opens the queue file (and queues what an earlier run left in it) or goes back to memory (and deletes the
     * file), carrying the messages queued now across.
     */
    public void use(boolean persistent, QueueSync sync, OutboundQueue queue) {
        lock.writeLock().lock();
        try {
            if (journal instanceof SegmentedJournal files) {
                files.sync(sync);
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
            SegmentedJournal opened = SegmentedJournal.open(folder, files, logger, sync);
            List<OutboundMessage> recovered;
            try {
                recovered = opened.recover();
                opened.appendAll(queue.pending());
            } catch (MessageJournal.JournalException | RuntimeException e) {
                opened.close();
                throw e;
            }
            journal = opened;
            if (!recovered.isEmpty()) {
                logger.info("Connection {}: {} message(s) from the last run queued from {}", name, recovered.size(),
                    folder);
                queue.restore(recovered);
            }
        } catch (MessageJournal.JournalException e) {
            logger.error("Connection {}: {}; the queue is kept in memory only", name, e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
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

    public void flush() {
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
