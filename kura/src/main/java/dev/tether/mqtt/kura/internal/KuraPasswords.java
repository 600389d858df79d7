package dev.tether.mqtt.kura.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.eclipse.kura.crypto.CryptoService;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;
import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.PropertyType;

/**
 * Which configurations and properties hold passwords Kura encrypted, and how they are turned back into plain
 * text. Kura encrypts the value of every {@code Password} attribute of the metatype with
 * {@link CryptoService#encryptAes(char[])} before it writes it to ConfigAdmin; the same catalog that writes
 * Tether's metatype names them here, so a new password property is decrypted without a change.
 */
final class KuraPasswords {

    /** The properties of type Password, in the default and in the named connections. */
    static final List<String> KEYS = SettingsCatalog.namedConnection().stream()
        .filter(property -> property.type() == PropertyType.PASSWORD)
        .map(Property::id)
        .toList();

    /** LDAP filter of every Tether configuration. */
    static final String FILTER = "(|(service.pid=" + SettingsCatalog.PID + ")(service.factoryPid="
        + SettingsCatalog.FACTORY_PID + "))";

    private KuraPasswords() {
    }

    /** @return whether these are the properties of a Tether configuration */
    static boolean isTether(Dictionary<String, ?> properties) {
        return SettingsCatalog.PID.equals(properties.get("service.pid"))
            || SettingsCatalog.FACTORY_PID.equals(properties.get("service.factoryPid"));
    }

    /** @return whether any password property has a value */
    static boolean hasPassword(Dictionary<String, ?> properties) {
        return KEYS.stream().anyMatch(key -> properties.get(key) instanceof String value && !value.isEmpty());
    }

    /**
     * Replaces each password Kura encrypted by its plain text. A value the service cannot decrypt (set
     * outside Kura's UI, so never encrypted) is left as it is.
     *
     * @return the keys whose value was left as it is
     */
    static Collection<String> decrypt(Dictionary<String, Object> properties, CryptoService crypto) {
        List<String> leftAsWritten = new ArrayList<>();
        for (String key : KEYS) {
            if (properties.get(key) instanceof String value && !value.isEmpty()) {
                Optional<String> plain = decrypted(value, crypto);
                if (plain.isPresent()) {
                    properties.put(key, plain.get());
                } else {
                    leftAsWritten.add(key);
                }
            }
        }
        return leftAsWritten;
    }

    /** Removes every password: for readers that only need to know the configuration exists. */
    static void remove(Dictionary<String, Object> properties) {
        KEYS.forEach(properties::remove);
    }

    private static Optional<String> decrypted(String value, CryptoService crypto) {
        char[] plain = null;
        try {
            plain = crypto.decryptAes(value.toCharArray());
            return Optional.ofNullable(plain).map(String::new);
        } catch (Exception notEncrypted) {
            // Kura throws KuraException for anything it did not encrypt; never log the value or its cause,
            // which may quote it
            return Optional.empty();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, '\0');
            }
        }
    }
}
