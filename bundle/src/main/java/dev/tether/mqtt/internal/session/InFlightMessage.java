package dev.tether.mqtt.internal.session;

/** A QoS 1 or 2 message sent on this connection and not yet answered, with the sender's attempt number. */
record InFlightMessage(SessionMessage message, int attempt) {
}
