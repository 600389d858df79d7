package dev.tether.bench.client;

/** Where a client driver hands each received message, already decoded (see {@code Payloads}). */
@FunctionalInterface
public interface MessageSink {

    /**
     * @param sequence   the message's sequence number; negative for a probe message
     * @param stampNanos the {@link System#nanoTime()} the payload carries
     */
    void arrived(long sequence, long stampNanos);
}
