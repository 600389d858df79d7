package dev.tether.mqtt.internal.transport;

import java.io.IOException;

/** A TLS handshake failed, with a message an operator can act on; never carries a key. */
public final class HandshakeFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    HandshakeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
