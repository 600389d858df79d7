package dev.tether.mqtt.internal.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** Opens the queue's segment files; tests give one whose writes fail, as on a full disk. */
@FunctionalInterface
public interface QueueFiles {

    QueueFiles DEFAULT = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
