package dev.tether.mqtt.internal.session;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.OversizedPublish;
import dev.tether.mqtt.internal.codec.Publish;

/**
 * What a {@link SessionLink} tells its owner. Messages and acknowledgements come on the link's reader thread, in
 * the order they arrived; they must not block for long, as nothing else is read meanwhile.
 */
public interface SessionHandler {

    /** The broker accepted the connection; packets may be sent now. */
    void connected(SessionLink link, ConnAck connAck);

    /** A message from the broker, delivered once: a QoS 2 message sent again by the broker is not passed on. */
    void messageArrived(SessionLink link, Publish publish);

    /** A message whose payload was larger than the limit and was skipped; it was acknowledged all the same. */
    void messageDropped(SessionLink link, OversizedPublish publish);

    /** QoS 0: written to the network; QoS 1: PUBACK; QoS 2: PUBCOMP. */
    void delivered(SessionMessage message, int attempt);

    /** MQTT 5: the broker refused the message with a PUBACK or PUBREC reason code of 0x80 or more. */
    void refused(SessionMessage message, int attempt, Refusal refusal);

    /**
     * QoS 2: the message got a new packet id, before it is written; a queue that outlives the process records
     * it, so that after a restart the message goes again with the same id if the broker resumes the session.
     * Called on the sending thread.
     */
    void packetIdAssigned(SessionMessage message);

    /** QoS 2: the broker has the message (PUBREC); PUBREL goes out after this returns. */
    void released(SessionMessage message);

    /**
     * The reader or the writer finished a burst: the packets of one read of the network, or the completions of one
     * batch written. Called on that thread, after the callbacks of the burst.
     */
    void afterBurst();

    /**
     * The connection ended, or never came up: called once per link, on whichever thread ended it.
     *
     * @param cause         why
     * @param wasConnected whether the broker had accepted it
     */
    void closed(SessionLink link, Throwable cause, boolean wasConnected);
}
