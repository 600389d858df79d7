package dev.tether.mqtt.internal.config;

/** What publishing into a full queue does ({@code queue_overflow}). */
public enum QueueOverflow {
    /** The new message is refused: its publish fails with QUEUE_FULL. */
    REJECT,
    /** The oldest waiting message is dropped (its publish fails with QUEUE_FULL) to make room. */
    DROP_OLDEST;

    static QueueOverflow of(String option) {
        return option.equals("drop_oldest") ? DROP_OLDEST : REJECT;
    }
}
