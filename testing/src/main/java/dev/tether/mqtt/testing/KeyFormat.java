package dev.tether.mqtt.testing;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.Locale;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** The PEM forms a private key file comes in, as OpenSSL and the tools built on it write them. */
public enum KeyFormat {

    /** {@code BEGIN PRIVATE KEY}: unencrypted PKCS#8, any key type. */
    PKCS8(null, false),

    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PKCS#8 encrypted with PBES2 (AES-256-CBC, PBKDF2 with HMAC-SHA256). */
    PKCS8_ENCRYPTED(null, true),

    /** {@code BEGIN RSA PRIVATE KEY}: the traditional OpenSSL form of an RSA key. */
    PKCS1(KeyType.RSA, false),

    /** {@code BEGIN RSA PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info} (AES-256-CBC) headers. */
    PKCS1_ENCRYPTED(KeyType.RSA, true),

    /** {@code BEGIN EC PRIVATE KEY}: the traditional OpenSSL form of an EC key. */
    SEC1(KeyType.EC, false),

    /** {@code BEGIN EC PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info} (AES-256-CBC) headers. */
    SEC1_ENCRYPTED(KeyType.EC, true);

    /** The only key type this format holds, or null for any. */
    private final KeyType onlyFor;
    private final boolean encrypted;

    KeyFormat(KeyType onlyFor, boolean encrypted) {
        this.onlyFor = onlyFor;
        this.encrypted = encrypted;
    }

    /** @return whether a file of this format needs a password */
    public boolean encrypted() {
        return encrypted;
    }

    /** @return whether this format can hold a key of {@code type} */
    public boolean holds(KeyType type) {
        return onlyFor == null || onlyFor == type;
    }

    /** @return the part of a file name that tells this format, for example {@code pkcs1-encrypted} */
    String fileNamePart() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param key      the key to write
     * @param password the password for an encrypted format, null for a plain one
     * @return what writes the PEM block
     * @throws IllegalArgumentException if the format does not hold this type of key, or the password does not fit
     *                                  the format
     */
    PemObjectGenerator pem(PrivateKey key, String password) {
        KeyType type = KeyType.of(key);
        if (!holds(type)) {
            throw new IllegalArgumentException(this + " cannot hold an " + type + " key");
        }
        if (encrypted && password == null) {
            throw new IllegalArgumentException(this + " needs a password");
        }
        if (!encrypted && password != null) {
            throw new IllegalArgumentException(this + " is not encrypted; pass a null password");
        }
        try {
            if (onlyFor == null) {
                return new JcaPKCS8Generator(key, encrypted ? pkcs8Encryptor(password) : null);
            }
            // for an RSA key this writes PKCS#1, for an EC key SEC1
            return encrypted ? new JcaMiscPEMGenerator(key, legacyEncryptor(password)) : new JcaMiscPEMGenerator(key);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot encode the key as " + this, e);
        }
    }

    private static OutputEncryptor pkcs8Encryptor(String password) throws OperatorCreationException {
        // HMAC-SHA256 as OpenSSL 3 chooses it; BouncyCastle's default PRF is still HMAC-SHA1
        return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
            .setProvider(BouncyCastle.PROVIDER)
            .setPassword(password.toCharArray())
            .build();
    }

    private static PEMEncryptor legacyEncryptor(String password) {
        return new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BouncyCastle.PROVIDER).build(password.toCharArray());
    }
}
