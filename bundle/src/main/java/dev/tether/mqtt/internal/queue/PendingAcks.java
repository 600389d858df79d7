package dev.tether.mqtt.internal.queue;

import java.nio.ByteBuffer;

/** ACK records not written yet: they go with the next record, or as a batch. Not thread safe. */
final class PendingAcks {

    /** Written as a batch of about this many bytes, if nothing else takes them along first. */
    static final int BATCH_BYTES = 4096;

    private ByteBuffer records = ByteBuffer.allocate(BATCH_BYTES);

    /** @return true when a batch is full and should be written */
    boolean add(long key) {
        if (records.remaining() < JournalRecords.ACK_BYTES) {
            records = ByteBuffer.allocate(records.capacity() * 2).put(records.flip());
        }
        JournalRecords.ack(key, records);
        return records.position() >= BATCH_BYTES;
    }

    int bytes() {
        return records.position();
    }

    /** @return the records waiting, to write; they stay waiting until {@link #written()} */
    ByteBuffer toWrite() {
        return records.duplicate().flip();
    }

    void written() {
        records.clear();
    }
}
