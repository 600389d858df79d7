package dev.tether.mqtt.internal.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tether.mqtt.MessageProperties;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.PublishSizes;
import dev.tether.mqtt.internal.session.SessionMessage;

/** A message accepted by publish, until the broker acknowledged it or it failed. */
public final class OutboundMessage implements SessionMessage {

    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    final MessageProperties properties;
    /** The properties as they go on the wire: made once, not at every attempt. */
    private final Properties wireProperties;
    /** The Message Expiry Interval asked for, in seconds; -1 for none. */
    private final long expirySeconds;
    /** Wall-clock time of the publish, kept across restarts for the queue's oldest age. */
    final long acceptedAtMillis;
    /** {@link System#nanoTime()} of the publish, or of the recovery from the queue file: for the latency. */
    private final long acceptedAtNanos = System.nanoTime();
    final CompletableFuture<Void> completion = new CompletableFuture<>();
    /** Which send attempt is current; a callback of an older attempt is stale. Guarded by the queue. */
    int attempt;
    /** When the current attempt was handed to the connection ({@link System#nanoTime()}). Guarded by the queue. */
    long sentAtNanos;
    /** The message's key in the journal; 0 while it is not stored there. */
    volatile long journalKey;
    /** The journal's segment file that holds the message's record, and the record's size. Guarded by the journal. */
    Segment journalSegment;
    int journalBytes;
    private volatile int packetId;
    private volatile long sessionEpoch;
    private volatile boolean released;

    public OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {
        this(topic, payload, qos, retain, MessageProperties.NONE);
    }

    public OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties) {
        this(topic, payload, qos, retain, properties, System.currentTimeMillis());
    }

    OutboundMessage(String topic, byte[] payload, int qos, boolean retain, long acceptedAtMillis) {
        this(topic, payload, qos, retain, MessageProperties.NONE, acceptedAtMillis);
    }

    OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties,
            long acceptedAtMillis) {
        this.properties = properties;
        this.wireProperties = WireProperties.toWire(properties);
        this.expirySeconds = properties.messageExpirySeconds().orElse(-1);
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.acceptedAtMillis = acceptedAtMillis;
    }

    /** @return completes when the broker acknowledged the message (QoS 0: when it was written), or fails */
    public CompletionStage<Void> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public byte[] payload() {
        return payload;
    }

    @Override
    public int qos() {
        return qos;
    }

    @Override
    public boolean retain() {
        return retain;
    }

    /**
     * @return the properties to send now: a Message Expiry Interval counts the time the message waited in the queue,
     *         as a broker's does for the time it held a message [MQTT-3.3.2-6]
     */
    @Override
    public Properties properties() {
        if (expirySeconds < 0) {
            return wireProperties;
        }
        long waitedSeconds = Math.max(0, System.currentTimeMillis() - acceptedAtMillis) / 1000;
        return WireProperties.withExpiry(wireProperties, Math.max(0, expirySeconds - waitedSeconds));
    }

    /** @return whether the message's expiry interval passed while it waited; never for one without an interval */
    boolean expired(long nowMillis) {
        return expirySeconds >= 0 && nowMillis - acceptedAtMillis > expirySeconds * 1000;
    }

    /** @return how long the message may wait, in seconds; -1 for ever */
    long expirySeconds() {
        return expirySeconds;
    }

    /** @return the MQTT 5 properties as the queue file keeps them; empty for none */
    byte[] storedProperties() {
        return PublishSizes.propertyBytes(wireProperties);
    }

    /** @return {@link System#nanoTime()} when the message was published, or recovered from the queue file */
    public long acceptedAtNanos() {
        return acceptedAtNanos;
    }

    /** @return the properties as the API knows them */
    public MessageProperties messageProperties() {
        return properties;
    }

    @Override
    public int packetId() {
        return packetId;
    }

    @Override
    public long sessionEpoch() {
        return sessionEpoch;
    }

    @Override
    public void assignPacketId(int id, long epoch) {
        sessionEpoch = epoch;
        packetId = id;
    }

    @Override
    public boolean released() {
        return released;
    }

    @Override
    public void markReleased() {
        released = true;
    }

    @Override
    public void resetSessionState() {
        packetId = 0;
        released = false;
    }

    /** Restores the session state a queue file kept: the message was sent in a session of an earlier run. */
    void restoreSessionState(int id, boolean wasReleased, long epoch) {
        packetId = id;
        released = wasReleased;
        sessionEpoch = epoch;
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + topic + ", " + payload.length + " bytes, qos " + qos
            + (packetId != 0 ? ", id " + packetId : "") + (released ? ", released" : "") + "]";
    }
}
