package dev.tether.mqtt.internal.codec;

import java.io.EOFException;

/** The stream ended between two packets: the peer closed the connection, nothing of a packet was cut short. */
public final class PeerClosedException extends EOFException {

    private static final long serialVersionUID = 1L;

    PeerClosedException() {
        super("the connection was closed by the peer");
    }
}
