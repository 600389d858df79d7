package dev.tether.mqtt.internal.connection;

import java.util.concurrent.CompletableFuture;

/** A message accepted by publish, until the broker acknowledged it or it failed. */
final class OutboundMessage {

    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    final CompletableFuture<Void> completion = new CompletableFuture<>();
    /** Which send attempt is current; a callback of an older attempt is stale. Guarded by the queue. */
    int attempt;

    OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
    }
}
