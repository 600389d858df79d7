package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Collects what is written and sends it as binary WebSocket messages of at most {@value #MAX_MESSAGE} bytes:
 * {@code flush()} sends what was collected and returns once the JDK has handed it to the socket; a full message is
 * sent without waiting for {@code flush()}, straight from the caller's array when a write fills it alone. A packet
 * may so span messages, which the receiver must accept [MQTT-6.0.0-2].
 *
 * <p>Why a bound: a broker may limit frames apart from packets. Moquette 0.17 closes the connection with 1009 "Max
 * frame length of 65536 has been exceeded" on a larger frame (its {@code websocket_max_frame_size}), even when it
 * accepts the packet; a packet spanning frames it must accept.
 *
 * <p>One thread writes at a time (the JDK allows one outstanding send). {@code closed} completing unblocks a write
 * waiting for its send.
 */
final class WebSocketOutput extends OutputStream {

    /** The largest message sent: Moquette's default frame limit. */
    static final int MAX_MESSAGE = 64 * 1024;

    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final WebSocket webSocket;
    private final CompletableFuture<Void> closed;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int count;
    private volatile boolean sending;

    WebSocketOutput(WebSocket webSocket, CompletableFuture<Void> closed) {
        this.webSocket = webSocket;
        this.closed = closed;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        int from = offset;
        int left = length;
        while (left > 0) {
            if (count == 0 && left >= MAX_MESSAGE) {
                send(ByteBuffer.wrap(bytes, from, MAX_MESSAGE));
                from += MAX_MESSAGE;
                left -= MAX_MESSAGE;
                continue;
            }
            int take = Math.min(left, MAX_MESSAGE - count);
            ensureCapacity(take);
            System.arraycopy(bytes, from, buffer, count, take);
            count += take;
            from += take;
            left -= take;
            if (count == MAX_MESSAGE) {
                sendCollected();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        sendCollected();
    }

    /** Drops what was not sent; the transport closes the WebSocket. */
    @Override
    public void close() {
        count = 0;
    }

    private void sendCollected() throws IOException {
        if (count == 0) {
            return;
        }
        try {
            send(ByteBuffer.wrap(buffer, 0, count));
        } finally {
            count = 0;
        }
    }

    /** @return whether a send has not completed: a close frame would wait behind it */
    boolean sending() {
        return sending;
    }

    /** Sends one binary message and waits until the JDK is done with the buffer, or the transport is closed. */
    private void send(ByteBuffer message) throws IOException {
        sending = true;
        CompletableFuture<WebSocket> sent = webSocket.sendBinary(message, true);
        try {
            CompletableFuture.anyOf(sent, closed).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending to the broker");
        } catch (ExecutionException e) {
            // reported below from the send itself
        }
        if (!sent.isDone()) {
            throw closedException();
        }
        sending = false;
        try {
            sent.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new IOException("sending to the broker failed: " + reason, cause);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed.isDone()) {
            throw closedException();
        }
    }

    private void ensureCapacity(int more) {
        if (count + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(MAX_MESSAGE, Math.max(buffer.length * 2, count + more)));
        }
    }

    private static IOException closedException() {
        return new IOException("the WebSocket connection is closed");
    }
}
