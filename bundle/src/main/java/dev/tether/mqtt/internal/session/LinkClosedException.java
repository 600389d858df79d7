package dev.tether.mqtt.internal.session;

/** The network connection is closed or closing: what was to be sent was not. */
public final class LinkClosedException extends Exception {

    private static final long serialVersionUID = 1L;

    LinkClosedException() {
        super("the connection is closed", null, false, false);
    }
}
