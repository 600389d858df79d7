package dev.tether.mqtt.internal.queue;

/** The queue's files could not be opened: nothing can be stored, and each QoS 1/2 publish is told why. */
final class UnavailableJournal extends NothingStored {

    private final String reason;

    UnavailableJournal(String reason) {
        super("unavailable (" + reason + ")");
        this.reason = reason;
    }

    @Override
    public void append(OutboundMessage message) throws JournalException {
        throw new JournalException(reason, null);
    }
}
