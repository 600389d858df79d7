package dev.tether.mqtt.internal.session;

import java.io.EOFException;

/**
 * The broker closed the connection after the CONNECT and before any CONNACK: what an MQTT 3.1.1 broker that does
 * not know MQTT 5 may do with an MQTT 5 CONNECT (MQTT 5.0, 3.1.2.2 lets a server close without a CONNACK).
 */
public final class NoConnAckException extends EOFException {

    private static final long serialVersionUID = 1L;

    NoConnAckException() {
        super("the broker closed the connection without answering CONNECT");
    }
}
