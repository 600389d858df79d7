package dev.tether.mqtt.internal.session;

import dev.tether.mqtt.internal.codec.Properties;

/**
 * A message handed to a session to send, carrying the session's state of it from one network connection to the
 * next: the packet id it went out with, and for QoS 2 whether the broker has received it (PUBREC). When the broker
 * resumes the session, the message goes again with the same id [MQTT-4.4.0-1].
 */
public interface SessionMessage {

    String topic();

    byte[] payload();

    int qos();

    boolean retain();

    /** @return the MQTT 5 PUBLISH properties; sent on MQTT 5 only */
    default Properties properties() {
        return Properties.NONE;
    }

    /** @return the packet id it was sent with, valid in session {@link #sessionEpoch()} only; 0 if none */
    int packetId();

    /** @return which session the packet id belongs to (see {@link SessionState}) */
    long sessionEpoch();

    /** Records the packet id it is sent with in the given session. */
    void assignPacketId(int packetId, long sessionEpoch);

    /** @return whether the broker answered this QoS 2 message with PUBREC: only PUBREL is left to send */
    boolean released();

    /** Records the broker's PUBREC. */
    void markReleased();

    /** Forgets the session state: the message goes out as a new one in the next session. */
    void resetSessionState();
}
