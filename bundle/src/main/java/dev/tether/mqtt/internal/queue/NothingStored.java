package dev.tether.mqtt.internal.queue;

import java.util.List;

/** A journal that keeps nothing on disk: the memory queue, and the base of one that cannot store. */
class NothingStored implements MessageJournal {

    private final String name;

    NothingStored(String name) {
        this.name = name;
    }

    @Override
    public void append(OutboundMessage message) throws JournalException {
        // the message lives in memory only
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
        return name;
    }
}
