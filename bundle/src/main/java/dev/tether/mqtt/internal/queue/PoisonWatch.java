package dev.tether.mqtt.internal.queue;

/**
 * Finds the message a broker will not take (larger than it accepts, say): the one that was the oldest unacknowledged
 * each time the connection dropped, {@link #LIMIT} times in a row, with no acknowledgement in between. Failing it
 * lets the queue move on instead of being blocked for ever. Guarded by the {@link OutboundQueue}'s lock.
 */
final class PoisonWatch {

    /** Connection drops in a row, with the same oldest unacknowledged message, that mark it as poison. */
    static final int LIMIT = 10;

    private OutboundMessage oldestAtLastDrop;
    private int dropsWithOldest;

    /**
     * The connection dropped with {@code oldest} the oldest message unacknowledged.
     *
     * @return whether it is poison: it was so at the last {@link #LIMIT} drops
     */
    boolean droppedWith(OutboundMessage oldest) {
        dropsWithOldest = oldest == oldestAtLastDrop ? dropsWithOldest + 1 : 1;
        oldestAtLastDrop = oldest;
        if (dropsWithOldest < LIMIT) {
            return false;
        }
        oldestAtLastDrop = null;
        return true;
    }

    /** The broker acknowledged a message: whatever dropped the connection, it was not the oldest one. */
    void acknowledged() {
        oldestAtLastDrop = null;
    }
}
