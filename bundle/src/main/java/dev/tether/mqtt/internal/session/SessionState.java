package dev.tether.mqtt.internal.session;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an MQTT session keeps across network connections (MQTT 3.1.1, 4.1): which session it is (its epoch, so
 * that a packet id kept on a message is only used again in the same session), and the QoS 2 messages received and
 * delivered but not yet released by the broker's PUBREL, so that the broker's resend of one is not delivered twice.
 * Thread safe.
 */
public final class SessionState {

    /** The epoch of packet ids that come from the queue file of an earlier run. */
    public static final long RECOVERED_EPOCH = 0;

    private static final AtomicLong EPOCHS = new AtomicLong(RECOVERED_EPOCH);

    private final BitSet awaitingRelease = new BitSet();
    private long epoch;

    /**
     * @param resumesRecovered whether ids from an earlier run's queue file may be used again, if the first
     *     connection resumes the broker's session: true for the first state of a connection after a start
     */
    public SessionState(boolean resumesRecovered) {
        this.epoch = resumesRecovered ? RECOVERED_EPOCH : EPOCHS.incrementAndGet();
    }

    /** The broker answered CONNACK: it resumed the session it had, or started a new one. */
    synchronized void connected(boolean sessionPresent) {
        if (!sessionPresent) {
            epoch = EPOCHS.incrementAndGet();
            awaitingRelease.clear();
        }
    }

    public synchronized long epoch() {
        return epoch;
    }

    /** @return true the first time the QoS 2 message with this id arrives, false for the broker's resend */
    synchronized boolean receivedExactlyOnce(int packetId) {
        if (awaitingRelease.get(packetId)) {
            return false;
        }
        awaitingRelease.set(packetId);
        return true;
    }

    /** The broker released the QoS 2 message with this id: a new message may use it again. */
    synchronized void released(int packetId) {
        awaitingRelease.clear(packetId);
    }
}
