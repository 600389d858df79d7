package dev.tether.mqtt.internal.config;

/** How a connection is secured: not at all, TLS with certificates, or TLS with a pre-shared key. */
public sealed interface Security permits Security.None, TlsSettings, PskSettings {

    /** Plain MQTT (or plain WebSocket): nothing to set up. */
    None NONE = new None();

    /** No TLS. */
    record None() implements Security {
    }
}
