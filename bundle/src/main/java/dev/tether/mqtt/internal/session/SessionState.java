package dev.tether.mqtt.internal.session;

import java.util.HashSet;
import java.util.Set;
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

    /** A set, not a bit per possible id: the ids a broker uses can be large, the number in flight is small. */
    private Set<Integer> awaitingRelease = new HashSet<>();
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
            awaitingRelease = new HashSet<>();
        }
    }

    public synchronized long epoch() {
        return epoch;
    }

    /** @return true the first time the QoS 2 message with this id arrives, false for the broker's resend */
    synchronized boolean receivedExactlyOnce(int packetId) {
        return awaitingRelease.add(packetId);
    }

    /** The broker released the QoS 2 message with this id: a new message may use it again. */
    synchronized void released(int packetId) {
        awaitingRelease.remove(packetId);
    }
}
