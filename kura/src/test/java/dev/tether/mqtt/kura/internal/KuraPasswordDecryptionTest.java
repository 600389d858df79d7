package dev.tether.mqtt.kura.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.Logger;

class KuraPasswordDecryptionTest {

    private static final String ENCRYPTED = "enc:";

    private final Bundle tether = bundle("dev.tether.mqtt");
    private final Bundle own = bundle("dev.tether.mqtt.kura");
    private final KuraPasswordDecryption plugin = new KuraPasswordDecryption(new PrefixCrypto(), proxy(Logger.class,
        Map.of()), proxy(ConfigurationAdmin.class, Map.of()), proxy(BundleContext.class,
            Map.of("getBundle", own, "getBundles", new Bundle[0])));

    @Test
    void passwordsAreTheCatalogsPasswordProperties() {
        assertThat(KuraPasswords.KEYS).containsExactlyInAnyOrder("pass", "ssl_key_pass", "ssl_psk_key");
    }

    @Test
    void givenEncryptedPasswords_whenTetherReads_thenItGetsPlainText() {
        Dictionary<String, Object> properties = tetherConfiguration("service.pid", "dev.tether.mqtt");
        properties.put("pass", ENCRYPTED + "s3cret");
        properties.put("ssl_key_pass", ENCRYPTED + "key");
        properties.put("ssl_psk_key", ENCRYPTED + "00ff");

        plugin.modifyConfiguration(reference(tether), properties);

        assertThat(properties.get("pass")).isEqualTo("s3cret");
        assertThat(properties.get("ssl_key_pass")).isEqualTo("key");
        assertThat(properties.get("ssl_psk_key")).isEqualTo("00ff");
        assertThat(properties.get("user")).isEqualTo("gateway");
    }

    @Test
    void givenAPlainPassword_whenTetherReads_thenItPassesUnchanged() {
        Dictionary<String, Object> properties = tetherConfiguration("service.pid", "dev.tether.mqtt");
        properties.put("pass", "written-in-a-cfg-file");

        plugin.modifyConfiguration(reference(tether), properties);

        assertThat(properties.get("pass")).isEqualTo("written-in-a-cfg-file");
    }

    @Test
    void givenANamedConnection_whenTetherReads_thenItsPasswordIsDecryptedToo() {
        Dictionary<String, Object> properties = tetherConfiguration("service.factoryPid", "dev.tether.mqtt.connection");
        properties.put("pass", ENCRYPTED + "other");

        plugin.modifyConfiguration(reference(tether), properties);

        assertThat(properties.get("pass")).isEqualTo("other");
    }

    @Test
    void givenTheListingComponents_whenTheyRead_thenNoPasswordReachesTheirServiceProperties() {
        Dictionary<String, Object> properties = tetherConfiguration("service.pid", "dev.tether.mqtt");
        properties.put("pass", ENCRYPTED + "s3cret");

        plugin.modifyConfiguration(reference(own), properties);

        assertThat(properties.get("pass")).isNull();
        assertThat(properties.get("user")).isEqualTo("gateway");
    }

    @Test
    void givenAnotherReader_whenItReads_thenTheConfigurationIsAsStored() {
        Dictionary<String, Object> properties = tetherConfiguration("service.pid", "dev.tether.mqtt");
        properties.put("pass", ENCRYPTED + "s3cret");

        plugin.modifyConfiguration(reference(bundle("org.example.other")), properties);

        assertThat(properties.get("pass")).isEqualTo(ENCRYPTED + "s3cret");
    }

    @Test
    void givenAnotherComponentsConfiguration_whenTetherReads_thenItIsLeftAlone() {
        Dictionary<String, Object> properties = tetherConfiguration("service.pid", "org.example.thing");
        properties.put("pass", ENCRYPTED + "s3cret");

        plugin.modifyConfiguration(reference(tether), properties);

        assertThat(properties.get("pass")).isEqualTo(ENCRYPTED + "s3cret");
    }

    private static Dictionary<String, Object> tetherConfiguration(String pidKey, String pid) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(pidKey, pid);
        properties.put("user", "gateway");
        return properties;
    }

    private static Bundle bundle(String symbolicName) {
        return proxy(Bundle.class, Map.of("getSymbolicName", symbolicName));
    }

    private static ServiceReference<?> reference(Bundle bundle) {
        return proxy(ServiceReference.class, Map.of("getBundle", bundle));
    }

    /** @return an implementation answering the named no-argument methods, identity for equals, null otherwise */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
            (self, method, args) -> switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                case "toString" -> type.getSimpleName() + answers;
                default -> answers.get(method.getName());
            }));
    }

    /** Kura's CryptoService in miniature: only what it encrypted decrypts, anything else throws. */
    private static final class PrefixCrypto implements CryptoService {

        @Override
        public char[] encryptAes(char[] value) {
            return (ENCRYPTED + new String(value)).toCharArray();
        }

        @Override
        public char[] decryptAes(char[] encryptedValue) throws KuraException {
            String value = new String(encryptedValue);
            if (!value.startsWith(ENCRYPTED)) {
                throw new KuraException("not encrypted here");
            }
            return value.substring(ENCRYPTED.length()).toCharArray();
        }
    }
}
