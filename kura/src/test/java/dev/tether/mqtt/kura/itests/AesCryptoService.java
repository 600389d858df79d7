package dev.tether.mqtt.kura.itests;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * A CryptoService as Kura's behaves for passwords: AES (GCM, a random IV per value, Base64 text), and
 * {@link KuraException} for anything it did not encrypt. One key for the whole test JVM, so a value encrypted
 * by one instance decrypts with another, as with Kura's single key.
 */
public final class AesCryptoService implements CryptoService {

    private static final SecretKey KEY = newKey();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(TAG_BITS, iv));
            ByteBuffer plain = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
            byte[] sealed = cipher.doFinal(plain.array(), 0, plain.limit());
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return Base64.getEncoder().encodeToString(out).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException("cannot encrypt", e);
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        try {
            byte[] in = Base64.getDecoder().decode(new String(encryptedValue));
            if (in.length <= IV_BYTES) {
                throw new KuraException("not a value this service encrypted");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain)).toString().toCharArray();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException("not a value this service encrypted", e);
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
