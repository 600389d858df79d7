package dev.tether.mqtt.internal.queue;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/** The messages waiting for the connection, oldest first, and the bytes of their topics and payloads. */
final class WaitingMessages {

    private final Deque<OutboundMessage> messages = new ArrayDeque<>();
    private long bytes;

    /** What a message counts against {@code max_queue_bytes}: its payload and its topic. */
    static long bytesOf(OutboundMessage message) {
        return (long) message.payload.length + message.topic.length();
    }

    void addFirst(OutboundMessage message) {
        messages.addFirst(message);
        bytes += bytesOf(message);
    }

    void addLast(OutboundMessage message) {
        messages.addLast(message);
        bytes += bytesOf(message);
    }

    OutboundMessage pollFirst() {
        OutboundMessage first = messages.pollFirst();
        if (first != null) {
            bytes -= bytesOf(first);
        }
        return first;
    }

    OutboundMessage peekFirst() {
        return messages.peekFirst();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    long bytes() {
        return bytes;
    }

    /** Moves every message into {@code target}, oldest first. */
    void drainTo(Collection<OutboundMessage> target) {
        target.addAll(messages);
        messages.clear();
        bytes = 0;
    }

    void copyTo(Collection<OutboundMessage> target) {
        target.addAll(messages);
    }
}
