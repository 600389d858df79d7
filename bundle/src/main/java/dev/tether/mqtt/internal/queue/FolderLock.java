package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One journal per folder, in this process and in any other: two writers would interleave their records. */
final class FolderLock {

    private static final String FILE = "lock";

    private final Path file;
    private final FileLock lock;

    private FolderLock(Path file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /** @throws IOException naming who holds it, when another journal has the folder */
    static FolderLock take(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("in use by another process");
            }
            return new FolderLock(file, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("in use by another queue of this process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Lets the folder go; closing the channel releases the lock. */
    void release() {
        try {
            lock.channel().close();
        } catch (IOException e) {
            // nothing else to free
        }
    }

    /** Lets the folder go and removes the lock file, before the folder itself is deleted. */
    void delete() throws IOException {
        release();
        Files.deleteIfExists(file);
    }
}
