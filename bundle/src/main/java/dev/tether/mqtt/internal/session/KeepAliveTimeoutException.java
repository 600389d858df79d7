package dev.tether.mqtt.internal.session;

import java.io.IOException;

/** Nothing arrived from the broker for 1.5 × keep_alive, not even the answer to a PINGREQ. */
public final class KeepAliveTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    KeepAliveTimeoutException(long silentMillis, int keepAliveSeconds) {
        super(String.format(java.util.Locale.ROOT, "no answer from the broker for %.1f s (keep_alive %d s):"
            + " the connection is gone", silentMillis / 1000.0, keepAliveSeconds));
    }
}
