package dev.tether.mqtt.internal.testbroker;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketBuffer;
import dev.tether.mqtt.internal.codec.PacketDecoder;
import dev.tether.mqtt.internal.codec.PacketEncoder;
import dev.tether.mqtt.internal.codec.PingReq;
import dev.tether.mqtt.internal.codec.PingResp;
import dev.tether.mqtt.internal.codec.ProtocolVersion;

/**
 * One client connection of a {@link ScriptedBroker}, as its script sees it: read what the client sends, answer
 * with packets or with any bytes at all. Reads wait {@link #DEFAULT_TIMEOUT} at most, so a script never hangs a
 * test. What the client sends is decoded as a broker reads it ({@link PacketDecoder.Role#SERVER}) and recorded.
 */
public final class ScriptedConnection {

    /** How long {@link #next()} waits for the client. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final PacketEncoder ENCODER = new PacketEncoder();
    private static final PacketEncoder MQTT_5_ENCODER = new PacketEncoder(ProtocolVersion.MQTT_5);
    private static final int PADDING_CHUNK = 64 * 1024;
    /** The first bytes from the client an MQTT 5 broker keeps as they came ({@link #rawReceived()}). */
    private static final int RAW_KEPT = 64 * 1024;

    private final int number;
    private final Socket socket;
    private final BooleanSupplier brokerClosing;
    private final PacketDecoder decoder;
    private final OutputStream out;
    private final long acceptedAtNanos = System.nanoTime();
    private final List<Packet> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile long lastSentAtNanos;
    private volatile long endedAtNanos;
    private volatile Throwable failure;
    private Thread thread;
    /** What the client's CONNECT chose, which {@link #send} writes; always MQTT 3.1.1 on an MQTT 3.1.1 broker. */
    private volatile ProtocolVersion version = ProtocolVersion.MQTT_3_1_1;
    /** The first bytes the client sent, on an MQTT 5 broker; null on an MQTT 3.1.1 one. */
    private final ByteArrayOutputStream raw;

    ScriptedConnection(int number, Socket socket, BooleanSupplier brokerClosing) {
        this.number = number;
        this.socket = socket;
        this.brokerClosing = brokerClosing;
        this.raw = null;
        try {
            this.decoder = new PacketDecoder(socket.getInputStream(), PacketDecoder.Role.SERVER, 8192,
                PacketEncoder.MAX_REMAINING_LENGTH, Integer.MAX_VALUE);
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException("a socket just accepted has no streams", e);
        }
    }

    /**
     * A connection of a broker that speaks MQTT 5 and 3.1.1: it reads the CONNECT of either level and from then on
     * reads and writes that level; it keeps the first bytes the client sent as they came.
     */
    ScriptedConnection(int number, Socket socket, BooleanSupplier brokerClosing, ProtocolVersion highest) {
        this.number = number;
        this.socket = socket;
        this.brokerClosing = brokerClosing;
        this.raw = new ByteArrayOutputStream();
        try {
            this.decoder = new PacketDecoder(recording(socket.getInputStream()), PacketDecoder.Role.SERVER, highest,
                8192, 8192, PacketEncoder.MAX_REMAINING_LENGTH, Integer.MAX_VALUE);
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException("a socket just accepted has no streams", e);
        }
    }

    private InputStream recording(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int value = super.read();
                if (value >= 0) {
                    keep(new byte[] {(byte) value}, 0, 1);
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                if (count > 0) {
                    keep(buffer, offset, count);
                }
                return count;
            }
        };
    }

    private void keep(byte[] bytes, int offset, int count) {
        synchronized (raw) {
            int room = RAW_KEPT - raw.size();
            if (room > 0) {
                raw.write(bytes, offset, Math.min(room, count));
            }
        }
    }

    /**
     * @return the first bytes (64 KiB at most) the client sent, exactly as they came, whether read as packets yet
     *     or not; only on a broker started with {@link ScriptedBroker#startMqtt5}
     */
    public byte[] rawReceived() {
        if (raw == null) {
            throw new IllegalStateException("only an MQTT 5 scripted broker keeps the bytes it received");
        }
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    /** @return the MQTT version of the client's CONNECT, once read; MQTT 3.1.1 before, and on a 3.1.1 broker */
    public ProtocolVersion version() {
        return version;
    }

    /** @return 1 for the first connection the broker accepted, 2 for the next */
    public int number() {
        return number;
    }

    /** @return when the broker accepted it ({@link System#nanoTime()}) */
    public long acceptedAtNanos() {
        return acceptedAtNanos;
    }

    /** @return when the script last wrote to it ({@link System#nanoTime()}), 0 if never */
    public long lastSentAtNanos() {
        return lastSentAtNanos;
    }

    /** @return every packet received from the client so far, in order */
    public List<Packet> received() {
        return List.copyOf(received);
    }

    /** @return completes when the connection ended: closed by either side */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** @return when the connection ended ({@link System#nanoTime()}), 0 while it has not */
    public long endedAtNanos() {
        return endedAtNanos;
    }

    /** @return completes when the script returned, or fails with what it threw */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** @return the next packet from the client, waiting {@link #DEFAULT_TIMEOUT} at most */
    public Packet next() throws IOException {
        return next(DEFAULT_TIMEOUT);
    }

    /**
     * @return the next packet from the client
     * @throws AssertionError when none arrives within {@code timeout}
     * @throws IOException    when the client closed the connection, or sent bytes that are no MQTT packet
     */
    public Packet next(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            Packet packet = decoder.read();
            version = decoder.version();
            received.add(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection " + number + ": no packet from the client within "
                + timeout.toMillis() + " ms; received so far: " + received, e);
        }
    }

    /**
     * @return the client's next packet, which must be of this type
     * @throws AssertionError when it is another, or none arrives in time
     */
    public <T extends Packet> T expect(Class<T> type) throws IOException {
        Packet packet = next();
        if (!type.isInstance(packet)) {
            throw new AssertionError("connection " + number + ": expected " + type.getSimpleName() + " from the"
                + " client, got " + packet + "; received so far: " + received);
        }
        return type.cast(packet);
    }

    /** Writes the packets, in one write. */
    public void send(Packet... packets) throws IOException {
        PacketBuffer buffer = new PacketBuffer(64);
        PacketEncoder encoder = version == ProtocolVersion.MQTT_5 ? MQTT_5_ENCODER : ENCODER;
        for (Packet packet : packets) {
            encoder.encode(packet, buffer);
        }
        sendRaw(buffer.toByteArray());
    }

    /** Writes these bytes as they are: a malformed packet, half of one, anything. */
    public void sendRaw(byte... bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
        lastSentAtNanos = System.nanoTime();
    }

    /** Writes {@code count} zero bytes, a chunk at a time: the body of a packet announced huge. */
    public void sendPadding(long count) throws IOException {
        byte[] chunk = new byte[(int) Math.min(PADDING_CHUNK, count)];
        synchronized (out) {
            for (long left = count; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.flush();
        }
        lastSentAtNanos = System.nanoTime();
    }

    /**
     * Answers nothing any more, and keeps the connection open: reads and records what the client sends until the
     * client or the broker closes it. Returns then.
     */
    public void stall() {
        readUntilEnd(false);
    }

    /**
     * Behaves as a quiet broker: answers each PINGREQ with PINGRESP, records everything, until the client or the
     * broker closes the connection. Returns then.
     */
    public void answerPings() {
        readUntilEnd(true);
    }

    private void readUntilEnd(boolean answerPings) {
        try {
            socket.setSoTimeout(0);
            while (true) {
                Packet packet = decoder.read();
                version = decoder.version();
                received.add(packet);
                if (answerPings && packet instanceof PingReq) {
                    send(PingResp.INSTANCE);
                }
            }
        } catch (IOException e) {
            // the client or the broker closed it, or the client sent bytes no broker could read: it ends here
        } finally {
            markEnded();
        }
    }

    /** What a script does with each packet the client sends, in {@link #respond}. */
    @FunctionalInterface
    public interface Responder {
        /** @param packet the client's packet, recorded already */
        void received(Packet packet) throws IOException;
    }

    /**
     * Behaves as the responder says for each packet the client sends (answer it, or not, or close), recording
     * everything, until the client or the broker closes the connection. Returns then; what the responder throws
     * fails the script.
     */
    public void respond(Responder responder) throws IOException {
        respond(responder, true);
    }

    /**
     * Like {@link #respond}, without recording what the client sends: for tens of thousands of packets, which
     * {@link #received()} would copy on every one.
     */
    public void respondUnrecorded(Responder responder) throws IOException {
        respond(responder, false);
    }

    private void respond(Responder responder, boolean record) throws IOException {
        try {
            socket.setSoTimeout(0);
            while (true) {
                Packet packet;
                try {
                    packet = decoder.read();
                } catch (IOException e) {
                    // the client or the broker closed it, or the client sent bytes no broker could read
                    return;
                }
                version = decoder.version();
                if (record) {
                    received.add(packet);
                }
                responder.received(packet);
            }
        } finally {
            markEnded();
        }
    }

    /** Closes the connection at once, without a word (MQTT 3.1.1 has no DISCONNECT from the broker). */
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to free
        }
        markEnded();
    }

    private void markEnded() {
        if (endedAtNanos == 0) {
            endedAtNanos = System.nanoTime();
        }
        ended.complete(null);
    }

    /** @return why the script failed, if it did before the broker closed */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void runsOn(Thread running) {
        this.thread = running;
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    /** Runs the script, then goes on recording what the client sends, until the connection ends. */
    void run(ScriptedBroker.Script script) {
        try {
            script.run(this);
            finished.complete(null);
        } catch (Throwable e) {
            if (!brokerClosing.getAsBoolean()) {
                failure = e;
            }
            finished.completeExceptionally(e);
            close();
            return;
        }
        if (!socket.isClosed()) {
            stall();
        }
    }

    @Override
    public String toString() {
        return "ScriptedConnection[" + number + ", received " + received + "]";
    }
}
