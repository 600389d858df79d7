package dev.tether.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of the binary messages a WebSocket receives, as one blocking stream: MQTT packets may span frames and a
 * frame may hold several packets [MQTT-6.0.0-2], so frame boundaries mean nothing here.
 *
 * <p>Flow control: one message part is requested from the JDK at a time, and none while {@value #QUEUE_LIMIT} bytes
 * or more wait to be read. Without demand the JDK stops reading the socket, so a slow reader holds back the broker
 * through TCP instead of filling memory. The JDK calls the listener methods one at a time, on the client's
 * executor, on the thread that completes the opening ({@code onOpen}), or inline in {@link WebSocket#request(long)}
 * on the reading thread; so {@code request} is never called with the lock held.
 */
final class WebSocketInput extends InputStream implements WebSocket.Listener {

    /** Bytes received and not yet read beyond which nothing more is requested. */
    static final int QUEUE_LIMIT = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> parts = new ArrayDeque<>();
    private int queued;
    private boolean requested;
    private boolean ended;
    private IOException failure;
    private WebSocket webSocket;

    @Override
    public void onOpen(WebSocket webSocket) {
        lock.lock();
        try {
            this.webSocket = webSocket;
            requested = true;
        } finally {
            lock.unlock();
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // the JDK may reuse the buffer once this returns; it ignores a returned stage
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        delivered(webSocket, copy);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // the JDK answers with a pong itself; a ping used up the demand all the same
        delivered(webSocket, null);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        delivered(webSocket, null);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        fail(new ProtocolException("the broker sent a WebSocket text frame; MQTT travels in binary frames only"
            + " [MQTT-6.0.0-1]"));
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // the JDK answers the close itself once this returns
        end();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        fail(new IOException("the WebSocket connection failed: " + message, error));
    }

    /** Ends the stream after what was received has been read. */
    private void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream with a failure, after what was received before it has been read. */
    private void fail(IOException error) {
        lock.lock();
        try {
            if (failure == null && !ended) {
                failure = error;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream at once, dropping what was not read; a blocked {@code read} returns -1. */
    @Override
    public void close() {
        lock.lock();
        try {
            parts.clear();
            queued = 0;
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void delivered(WebSocket webSocket, ByteBuffer part) {
        boolean requestMore;
        lock.lock();
        try {
            requested = false;
            if (ended || failure != null) {
                return;
            }
            if (part != null && part.hasRemaining()) {
                parts.add(part);
                queued += part.remaining();
                changed.signalAll();
            }
            requestMore = queued < QUEUE_LIMIT;
            requested = requestMore;
        } finally {
            lock.unlock();
        }
        if (requestMore) {
            webSocket.request(1);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        WebSocket toRequest;
        int count = 0;
        lock.lock();
        try {
            while (parts.isEmpty()) {
                if (ended) {
                    return -1;
                }
                if (failure != null) {
                    throw failure;
                }
                awaitChange();
            }
            while (count < length && !parts.isEmpty()) {
                ByteBuffer head = parts.peek();
                int take = Math.min(length - count, head.remaining());
                head.get(bytes, offset + count, take);
                count += take;
                if (!head.hasRemaining()) {
                    parts.poll();
                }
            }
            queued -= count;
            toRequest = null;
            // before onOpen there is nothing to ask (the JDK calls it before the transport is handed out)
            if (!requested && webSocket != null && !ended && failure == null && queued < QUEUE_LIMIT) {
                requested = true;
                toRequest = webSocket;
            }
        } finally {
            lock.unlock();
        }
        if (toRequest != null) {
            toRequest.request(1);
        }
        return count;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    private void awaitChange() throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for bytes from the broker");
        }
    }
}
