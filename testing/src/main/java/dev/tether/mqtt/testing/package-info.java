/**
 * Test fixtures for Tether's TLS and network work: a certificate authority made at test time
 * ({@link dev.tether.mqtt.testing.TestPki}), a Mosquitto process with several listeners
 * ({@link dev.tether.mqtt.testing.MosquittoProcess}), an in-process Moquette broker
 * ({@link dev.tether.mqtt.testing.EmbeddedMoquette}) and a TCP proxy that injects network faults between a client and
 * a broker ({@link dev.tether.mqtt.testing.FaultProxy}). Everything is real: real certificates, a real broker process,
 * real sockets on the loopback interface. For test scope only.
 */
package dev.tether.mqtt.testing;
