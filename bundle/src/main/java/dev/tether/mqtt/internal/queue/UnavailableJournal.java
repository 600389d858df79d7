package dev.tether.mqtt.internal.queue;

import java.util.List;

/** The queue's files could not be opened: nothing can be stored, and each QoS 1/2 publish is told why. */
final class UnavailableJournal implements MessageJournal {

    private final String reason;

    UnavailableJournal(String reason) {
        this.reason = reason;
    }

    @Override
    public void append(OutboundMessage message) throws JournalException {
        throw new JournalException(reason, null);
    }

    @Override
    public void remove(OutboundMessage message) {
        // nothing was stored
    }

    @Override
    public void update(OutboundMessage message) {
        // nothing was stored
    }

    @Override
    public List<OutboundMessage> recover() {
        return List.of();
    }

    @Override
    public void flush() {
        // nothing to write
    }

    @Override
    public void close() {
        // nothing open
    }

    @Override
    public void delete() {
        // nothing on disk
    }

    @Override
    public String toString() {
        return "unavailable (" + reason + ")";
    }
}
