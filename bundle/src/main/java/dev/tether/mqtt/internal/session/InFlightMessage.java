package dev.tether.mqtt.internal.session;

/**
 * A QoS 1 or 2 message sent on this connection and not yet answered, with the sender's attempt number and the QoS it
 * went with: lower than the message's own when the broker's Maximum QoS is.
 */
record InFlightMessage(SessionMessage message, int attempt, int qos) {
}
