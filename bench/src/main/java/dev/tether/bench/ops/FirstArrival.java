package dev.tether.bench.ops;

import dev.tether.bench.client.MessageSink;

/** Remembers when the first message arrived since the last {@link #reset()}. */
final class FirstArrival implements MessageSink {

    private volatile long at;

    @Override
    public void arrived(long sequence, long stampNanos) {
        if (at == 0) {
            at = System.nanoTime();
        }
    }

    void reset() {
        at = 0;
    }

    boolean arrived() {
        return at != 0;
    }

    /** @return nanoTime of the first arrival, 0 if none */
    long at() {
        return at;
    }
}
