package dev.tether.mqtt.testing;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, as an instance handed to each builder. It is never installed with
 * {@code Security.addProvider}: that would change the JCA of the whole test JVM, including the code under test.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
