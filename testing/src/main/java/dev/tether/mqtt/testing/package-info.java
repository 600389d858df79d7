/**
 * Test fixtures for Tether's TLS work: a certificate authority made at test time ({@link dev.tether.mqtt.testing.TestPki}),
 * a Mosquitto process with several listeners ({@link dev.tether.mqtt.testing.MosquittoProcess}) and an in-process
 * Moquette broker ({@link dev.tether.mqtt.testing.EmbeddedMoquette}). Everything is real: real certificates, a real
 * broker process, real sockets on the loopback interface. For test scope only.
 */
package dev.tether.mqtt.testing;
