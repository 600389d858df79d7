package dev.tether.mqtt.internal.connection;

import java.util.Optional;

import org.osgi.service.log.Logger;

import dev.tether.mqtt.internal.codec.ReasonCodes;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.session.ConnectionRefusedException;
import dev.tether.mqtt.internal.session.ServerDisconnectException;

/**
 * Where a broker sends the client (MQTT 5.0, 4.11): a Use another server (0x9C) or Server moved (0x9D) with a
 * Server Reference, in a refusing CONNACK or in a DISCONNECT, becomes the next attempt's server. Confined to the
 * connection's state machine.
 */
final class Redirects {

    private final String name;
    private final Logger logger;
    private final Attempts attempts;

    Redirects(String name, Logger logger, Attempts attempts) {
        this.name = name;
        this.logger = logger;
        this.attempts = attempts;
    }

    /**
     * Follows a broker's Use another server (0x9C) or Server moved (0x9D) with a Server Reference, in a CONNACK or a
     * DISCONNECT: the next attempt goes there at once, with the same TLS settings.
     *
     * @param connect the attempt to schedule
     * @return whether the next attempt is scheduled
     */
    boolean follow(Throwable cause, ServerAddress from, Runnable connect) {
        int code;
        Optional<String> reference;
        if (cause instanceof ConnectionRefusedException refused) {
            code = refused.returnCode();
            reference = refused.serverReference();
        } else if (cause instanceof ServerDisconnectException disconnected) {
            code = disconnected.reasonCode();
            reference = disconnected.serverReference();
        } else {
            return false;
        }
        if (code != ReasonCodes.USE_ANOTHER_SERVER && code != ReasonCodes.SERVER_MOVED || reference.isEmpty()) {
            return false;
        }
        Optional<ServerAddress> target = ServerReference.resolve(reference.get(), from);
        if (target.isEmpty()) {
            logger.warn("Connection {}: {} sent the client to '{}', which names no server; ignored", name, from,
                reference.get());
            return false;
        }
        boolean permanently = code == ReasonCodes.SERVER_MOVED;
        if (!attempts.redirect(target.get(), permanently, connect)) {
            logger.warn("Connection {}: {} sent the client to {}, after {} redirects in a row without a connection;"
                + " not followed", name, from, target.get(), ServerRotation.MOST_REDIRECTS);
            return false;
        }
        logger.info("Connection {}: {} sends the client to {} ({}); {}", name, from, target.get(),
            ReasonCodes.describe(code), permanently ? "used until the configuration changes or Tether restarts"
                : "used until that connection ends");
        return true;
    }
}
