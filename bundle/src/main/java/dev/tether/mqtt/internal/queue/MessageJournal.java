package dev.tether.mqtt.internal.queue;

import java.util.List;

/**
 * Where QoS 1 and 2 messages are kept from the moment publish accepts them until the broker
 * acknowledges them, so that a restart or a crash of the gateway loses none of them.
 */
public interface MessageJournal {

    /** Keeps nothing: messages live in memory only. */
    MessageJournal MEMORY = new NothingStored("memory");

    /** Stores the message durably before returning (a process crash after this does not lose it). */
    void append(OutboundMessage message) throws JournalException;

    /** Forgets an acknowledged, dropped or failed message; durable at the next {@link #flush()} at the latest. */
    void remove(OutboundMessage message);

    /**
     * Stores the session state of a message that is stored (its packet id, whether the broker has it), so that
     * after a restart it goes again as the same message; durable before returning. Failures are logged.
     */
    void update(OutboundMessage message);

    /** @return the messages stored by an earlier run, oldest first, each with its journal key */
    List<OutboundMessage> recover();

    /** Makes pending removals durable. */
    void flush();

    /** Closes the store; what it holds stays for the next run. */
    void close();

    /** Closes the store and deletes it with everything it holds. */
    void delete();

    /** The journal cannot store a message: the publish fails with this reason. */
    final class JournalException extends Exception {
        private static final long serialVersionUID = 1L;

        JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
