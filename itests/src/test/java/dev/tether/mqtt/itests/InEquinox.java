package dev.tether.mqtt.itests;

/**
 * JUnit category of the tests that run in Equinox: the failsafe execution {@code equinox} runs only
 * these, the default one (Felix) leaves them out, also when {@code -Dit.test=...} names a class.
 */
public interface InEquinox {
}
