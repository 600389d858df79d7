package dev.tether.mqtt.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

/** The kind of key pair a certificate is issued for. */
public enum KeyType {

    /** RSA, 2048 bits. */
    RSA,

    /** EC on the NIST P-256 curve. */
    EC;

    /** @return a new key pair of this type */
    KeyPair generate() {
        try {
            if (this == RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            // BouncyCastle's EC keys carry the curve and the public point inside their private key encoding,
            // which a SEC1 "EC PRIVATE KEY" file needs; the JDK's encoding leaves both out
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key pair", e);
        }
    }

    /** @return the signature algorithm a key of this type signs certificates with */
    String signatureAlgorithm() {
        return this == RSA ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** @return the type of {@code key} */
    static KeyType of(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return RSA;
            case "EC":
            case "ECDSA":
                return EC;
            default:
                throw new IllegalArgumentException("not an RSA or EC key: " + key.getAlgorithm());
        }
    }
}
