package dev.tether.mqtt.internal.session;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketBuffer;
import dev.tether.mqtt.internal.codec.PacketEncoder;

/**
 * The packets waiting to go out on one connection, and their writing. Whoever sends a packet encodes it into a
 * shared buffer; one writer at a time, on the shared worker threads, takes the whole buffer and writes it with one
 * call. A burst of packets costs one write and one thread hand-off, and no sender blocks on the network.
 */
final class Outbox {

    /** A buffer that grew larger than this for a big message is not kept once written. */
    private static final int KEPT_CAPACITY = 16 * 1024;
    private static final int INITIAL_CAPACITY = 256;
    private static final PacketEncoder ENCODER = new PacketEncoder();

    private final OutputStream out;
    private final Executor writers;
    private final Runnable onWritten;
    private final Runnable afterCompletions;
    private final Consumer<IOException> onFailure;
    private final Object lock = new Object();
    private PacketBuffer filling = new PacketBuffer(INITIAL_CAPACITY);
    private PacketBuffer writing = new PacketBuffer(INITIAL_CAPACITY);
    private List<Runnable> fillingCallbacks = new ArrayList<>();
    private List<Runnable> writingCallbacks = new ArrayList<>();
    private boolean writerActive;
    private boolean closed;
    /** Bytes of the batch being written; guarded by the lock. */
    private int writingBytes;

    /**
     * @param out       the transport's stream
     * @param writers   runs the writer
     * @param onWritten        told after each write (keep-alive counts it as activity)
     * @param afterCompletions told after the completions of a write have run
     * @param onFailure        told once when a write fails; the outbox is closed then
     */
    Outbox(OutputStream out, Executor writers, Runnable onWritten, Runnable afterCompletions,
            Consumer<IOException> onFailure) {
        this.out = out;
        this.writers = writers;
        this.onWritten = onWritten;
        this.afterCompletions = afterCompletions;
        this.onFailure = onFailure;
    }

    /**
     * Queues a packet and makes sure a writer will write it.
     *
     * @param whenWritten run once the packet is written, or null
     * @return false when the outbox is closed: the packet is not sent
     * @throws IllegalArgumentException when the packet cannot be encoded; nothing is queued then
     */
    boolean send(Packet packet, Runnable whenWritten) {
        if (!append(packet, whenWritten)) {
            return false;
        }
        wake();
        return true;
    }

    /**
     * Queues a packet without waking a writer: the reader batches its acknowledgements and calls {@link #wake()}
     * before it waits for more input.
     */
    boolean sendLater(Packet packet) {
        return append(packet, null);
    }

    private boolean append(Packet packet, Runnable whenWritten) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            ENCODER.encode(packet, filling);
            if (whenWritten != null) {
                fillingCallbacks.add(whenWritten);
            }
            return true;
        }
    }

    /** Starts a writer if packets wait and none is writing. */
    void wake() {
        synchronized (lock) {
            if (writerActive || closed || filling.isEmpty()) {
                return;
            }
            writerActive = true;
        }
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            drain();
        }
    }

    /** @return bytes queued and not yet written, the batch being written included */
    int unwrittenBytes() {
        synchronized (lock) {
            return filling.length() + writingBytes;
        }
    }

    /**
     * Waits while more than {@code bytes} wait to be written: the reader stops taking in what it must answer
     * when the broker does not take the answers. Returns at once when closed; an interrupt ends the wait.
     */
    void awaitBelow(int bytes) throws InterruptedException {
        synchronized (lock) {
            while (!closed && filling.length() + writingBytes > bytes) {
                lock.wait();
            }
        }
    }

    /** Drops what is not written yet; later sends are refused. */
    void close() {
        synchronized (lock) {
            closed = true;
            filling.clear(INITIAL_CAPACITY);
            fillingCallbacks.clear();
            lock.notifyAll();
        }
    }

    private void drain() {
        while (true) {
            PacketBuffer batch;
            List<Runnable> callbacks;
            synchronized (lock) {
                if (closed || filling.isEmpty()) {
                    writerActive = false;
                    return;
                }
                batch = filling;
                filling = writing;
                writing = batch;
                writingBytes = batch.length();
                callbacks = fillingCallbacks;
                fillingCallbacks = writingCallbacks;
                writingCallbacks = callbacks;
            }
            try {
                out.write(batch.array(), 0, batch.length());
                out.flush();
            } catch (IOException e) {
                synchronized (lock) {
                    closed = true;
                    writerActive = false;
                    callbacks.clear();
                    lock.notifyAll();
                }
                onFailure.accept(e);
                return;
            }
            batch.clear(KEPT_CAPACITY);
            synchronized (lock) {
                writingBytes = 0;
                lock.notifyAll();
            }
            onWritten.run();
            for (int i = 0; i < callbacks.size(); i++) {
                try {
                    callbacks.get(i).run();
                } catch (RuntimeException e) {
                    // a completion's failure is its own; the packets behind it still go out
                }
            }
            synchronized (lock) {
                callbacks.clear();
            }
            afterCompletions.run();
        }
    }
}
