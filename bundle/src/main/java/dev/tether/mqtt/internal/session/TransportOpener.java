package dev.tether.mqtt.internal.session;

import java.time.Duration;

import dev.tether.mqtt.internal.transport.Transport;

/** Opens the network connection of one attempt: TCP and whatever runs on it, within the time given. */
@FunctionalInterface
public interface TransportOpener {

    Transport open(Duration timeout) throws Exception;
}
