package dev.tether.mqtt.internal.session;

import java.io.IOException;

import dev.tether.mqtt.internal.codec.ConnAck;

/** The broker answered CONNECT with a CONNACK that refuses the connection. */
public final class ConnectionRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int returnCode;

    ConnectionRefusedException(ConnAck connAck) {
        super(connAck.describe());
        this.returnCode = connAck.returnCode();
    }

    public int returnCode() {
        return returnCode;
    }

    /** @return whether the broker refused who the client is (2, 4 or 5), which retrying soon does not fix */
    public boolean refusesCredentials() {
        return returnCode == 2 || returnCode == 4 || returnCode == 5;
    }
}
