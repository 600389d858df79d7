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
import dev.tether.mqtt.internal.codec.Publish;

/**
 * The packets waiting to go out on one connection, and their writing. Whoever sends a packet encodes it into the
 * outbox's buffers; one writer at a time, on the shared workers, takes everything waiting and writes it, one call
 * per buffer. A burst of packets costs one hand-off and a few system calls, and no sender blocks on the network.
 * Buffers hold about {@value #CHUNK} bytes each, so a large batch is many ordinary arrays, not one huge one.
 */
final class Outbox {

    /** A buffer takes no more packets once it holds this much; under load new buffers start at this size. */
    static final int CHUNK = 64 * 1024;
    private static final int INITIAL_CAPACITY = 256;
    /** What the reader writes itself at most, rather than wake a writer: a burst's acknowledgements. */
    private static final int INLINE_LIMIT = 4 * 1024;
    /** Room for a PUBLISH's fixed header, topic and packet id, beside its payload, in most cases. */
    private static final int HEADROOM = 512;

    private final PacketEncoder encoder;
    /** The topic aliases of the connection; none until the broker's CONNACK allows them. Guarded by the lock. */
    private TopicAliases aliases;
    private final OutputStream out;
    private final Executor writers;
    private final Runnable onWritten;
    private final Runnable afterCompletions;
    private final Consumer<IOException> onFailure;
    private final Object lock = new Object();
    /** The buffers waiting to be written, the last one still filling; never empty. Guarded by the lock. */
    private List<PacketBuffer> filling = new ArrayList<>(List.of(new PacketBuffer(INITIAL_CAPACITY)));
    private List<Runnable> fillingCallbacks = new ArrayList<>();
    private int fillingBytes;
    /** What the writer is writing now. Guarded by the lock. */
    private int writingBytes;
    private int writingCallbacks;
    private boolean writerActive;
    private boolean closed;

    /**
     * @param out              the transport's stream
     * @param writers          runs the writer
     * @param onWritten        told after each write (keep-alive counts it as activity)
     * @param afterCompletions told after the completions of a write have run
     * @param onFailure        told once when a write fails; the outbox is closed then
     */
    Outbox(OutputStream out, Executor writers, Runnable onWritten, Runnable afterCompletions,
            Consumer<IOException> onFailure) {
        this(new PacketEncoder(), out, writers, onWritten, afterCompletions, onFailure);
    }

    /** @param encoder writes the packets in the link's MQTT version */
    Outbox(PacketEncoder encoder, OutputStream out, Executor writers, Runnable onWritten, Runnable afterCompletions,
            Consumer<IOException> onFailure) {
        this.encoder = encoder;
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
            PacketBuffer current = filling.get(filling.size() - 1);
            int payload = packet instanceof Publish publish ? publish.payload().length : 0;
            if (current.length() >= CHUNK
                    || current.length() > 0 && current.length() + payload + HEADROOM > current.capacity()) {
                // a new buffer, rather than a copy of this one into a larger array
                current = new PacketBuffer(Math.max(CHUNK + CHUNK / 4, payload + HEADROOM));
                filling.add(current);
            }
            int before = current.length();
            encodeAliased(packet, current);
            fillingBytes += current.length() - before;
            if (whenWritten != null) {
                fillingCallbacks.add(whenWritten);
            }
            return true;
        }
    }

    /** The broker takes topic aliases: PUBLISH packets use them from now on. */
    void useTopicAliases(TopicAliases topicAliases) {
        synchronized (lock) {
            aliases = topicAliases.enabled() ? topicAliases : null;
        }
    }

    /** Encodes under the lock, so that the PUBLISH that sets up an alias is written before those that use it. */
    private void encodeAliased(Packet packet, PacketBuffer current) {
        if (aliases == null || !(packet instanceof Publish publish)) {
            encoder.encode(packet, current);
            return;
        }
        TopicAliases.Choice choice = aliases.choose(publish.topic());
        encoder.encode(aliases.apply(publish, choice), current);
        aliases.commit(publish.topic(), choice);
    }

    /** Starts a writer if packets wait and none is writing. */
    void wake() {
        synchronized (lock) {
            if (writerActive || closed || fillingBytes == 0) {
                return;
            }
            writerActive = true;
        }
        startWriter();
    }

    /** @return bytes queued and not yet written, the batch being written included */
    int unwrittenBytes() {
        synchronized (lock) {
            return fillingBytes + writingBytes;
        }
    }

    /** @return packets queued with a completion (QoS 0 messages) and not yet written */
    int unwrittenCompletions() {
        synchronized (lock) {
            return fillingCallbacks.size() + writingCallbacks;
        }
    }

    /**
     * Waits while more than {@code bytes} wait to be written: the reader stops taking in what it must answer
     * when the broker does not take the answers. Returns at once when closed; an interrupt ends the wait.
     */
    void awaitBelow(int bytes) throws InterruptedException {
        synchronized (lock) {
            while (!closed && fillingBytes + writingBytes > bytes) {
                lock.wait();
            }
        }
    }

    /** Drops what is not written yet; later sends are refused. */
    void close() {
        synchronized (lock) {
            closed = true;
            filling = new ArrayList<>(List.of(new PacketBuffer(INITIAL_CAPACITY)));
            fillingBytes = 0;
            fillingCallbacks.clear();
            lock.notifyAll();
        }
    }

    /**
     * Writes what waits on the calling thread, when no writer is busy and it is little: the reader's answers to a
     * burst go out without waking a thread for them. A broker reads what a client writes while it writes itself
     * (every broker is event-driven), so a few hundred bytes do not block; anything larger, or anything that comes
     * on top meanwhile, goes to a writer on the shared workers as usual.
     */
    void writeSmallOrWake() {
        List<PacketBuffer> batch;
        List<Runnable> callbacks;
        synchronized (lock) {
            if (writerActive || closed || fillingBytes == 0) {
                return;
            }
            if (fillingBytes > INLINE_LIMIT) {
                writerActive = true;
                batch = null;
                callbacks = null;
            } else {
                writerActive = true;
                batch = filling;
                callbacks = takeFilling();
            }
        }
        if (batch == null) {
            startWriter();
            return;
        }
        if (!write(batch, callbacks)) {
            return;
        }
        synchronized (lock) {
            if (closed || fillingBytes == 0) {
                writerActive = false;
                return;
            }
        }
        startWriter();
    }

    private void startWriter() {
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            drain();
        }
    }

    /** @return the completions of what was filling, now the batch to write; the caller holds the lock */
    private List<Runnable> takeFilling() {
        List<Runnable> callbacks = fillingCallbacks;
        writingBytes = fillingBytes;
        writingCallbacks = callbacks.size();
        int buffers = filling.size();
        filling = new ArrayList<>(2);
        filling.add(new PacketBuffer(buffers > 1 ? CHUNK + CHUNK / 4 : INITIAL_CAPACITY));
        fillingCallbacks = new ArrayList<>();
        fillingBytes = 0;
        return callbacks;
    }

    private void drain() {
        while (true) {
            List<PacketBuffer> batch;
            List<Runnable> callbacks;
            synchronized (lock) {
                if (closed || fillingBytes == 0) {
                    writerActive = false;
                    return;
                }
                batch = filling;
                callbacks = takeFilling();
            }
            if (!write(batch, callbacks)) {
                return;
            }
        }
    }

    /** @return false when the write failed: the outbox is closed and no writer is active any more */
    private boolean write(List<PacketBuffer> batch, List<Runnable> callbacks) {
        try {
            for (PacketBuffer buffer : batch) {
                out.write(buffer.array(), 0, buffer.length());
            }
            out.flush();
        } catch (IOException e) {
            synchronized (lock) {
                closed = true;
                writerActive = false;
                writingBytes = 0;
                writingCallbacks = 0;
                lock.notifyAll();
            }
            onFailure.accept(e);
            return false;
        }
        synchronized (lock) {
            writingBytes = 0;
            writingCallbacks = 0;
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
        afterCompletions.run();
        return true;
    }
}
