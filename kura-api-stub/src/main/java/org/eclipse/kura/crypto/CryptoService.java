package org.eclipse.kura.crypto;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The part of Kura's CryptoService that Tether uses: AES encryption of the values Kura stores for
 * {@code Password} attributes. Kura's interface has more methods (hashes, Base64, keystore passwords); a bundle
 * compiled against this subset links against the real interface, since it calls only these two.
 */
@ProviderType
public interface CryptoService {

    /**
     * @param value the plain text
     * @return the encrypted value, as Kura stores it in ConfigAdmin
     * @throws KuraException if it cannot be encrypted
     */
    char[] encryptAes(char[] value) throws KuraException;

    /**
     * @param encryptedValue a value {@link #encryptAes(char[])} returned
     * @return the plain text
     * @throws KuraException if the value is not one this service encrypted
     */
    char[] decryptAes(char[] encryptedValue) throws KuraException;
}
