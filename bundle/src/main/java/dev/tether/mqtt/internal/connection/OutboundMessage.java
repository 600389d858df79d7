package dev.tether.mqtt.internal.connection;

import java.util.concurrent.CompletableFuture;

/** A message accepted by publish, until the broker acknowledged it or it failed. */
final class OutboundMessage {

    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    /** Wall-clock time of the publish, kept across restarts for the queue's oldest age. */
    final long acceptedAtMillis;
    final CompletableFuture<Void> completion = new CompletableFuture<>();
    /** Which send attempt is current; a callback of an older attempt is stale. Guarded by the queue. */
    int attempt;
    /** The message's key in the journal; 0 while it is not stored there. */
    volatile long journalKey;

    OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {
        this(topic, payload, qos, retain, System.currentTimeMillis());
    }

    OutboundMessage(String topic, byte[] payload, int qos, boolean retain, long acceptedAtMillis) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.acceptedAtMillis = acceptedAtMillis;
    }
}
