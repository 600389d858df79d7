package dev.tether.mqtt.kura.itests;

import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Equinox as Kura 6 runs it (Equinox 3.21, Felix SCR 2.2.12, Kura's Paho 1.2.1; Equinox's own log service),
 * with the Kura API stub standing in for Kura's packages and {@link AesCryptoService} for Kura's
 * CryptoService; and the helpers the Kura tests share. Nothing here names a Tether type: a test may install
 * Tether only while it runs (see {@link TetherServices}). The broker accepts only {@link KuraBroker#USER} with
 * {@link KuraBroker#PASSWORD}.
 */
public abstract class KuraTestSupport {

    protected static final String PID = "dev.tether.mqtt";
    protected static final String FACTORY_PID = "dev.tether.mqtt.connection";
    protected static final List<String> PASSWORDS = List.of("pass", "ssl_key_pass", "ssl_psk_key");
    protected static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    /** @return the framework and everything Kura provides, but no Tether bundle */
    protected Option kura() {
        return composite(
            systemProperty(KuraBroker.PORT_PROPERTY).value(Integer.toString(KuraBroker.port())),
            systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
            // framework errors (a bundle that does not resolve) on the test output; Equinox's own log service
            // (log 1.5, LoggerFactory) serves Tether, as in Kura: no second log bundle
            frameworkProperty("eclipse.consoleLog").value("true"),
            frameworkProperty("eclipse.log.level").value("ERROR"),
            junitBundles(),
            mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
            mavenBundle("org.awaitility", "awaitility").versionAsInProject(),
            mavenBundle("net.bytebuddy", "byte-buddy").versionAsInProject(),
            mavenBundle("org.assertj", "assertj-core").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
            configAdminBundles(),
            mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
            mavenBundle("org.eclipse.paho", "org.eclipse.paho.client.mqttv3").versionAsInProject(),
            bundle(file("tether.kura.stub")));
    }

    /** @return the ConfigAdmin implementation: Felix's, as in Tether's other tests */
    protected Option configAdminBundles() {
        return mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject();
    }

    /** @return Equinox's ConfigAdmin, the one Kura ships, with the API bundles it imports */
    protected static Option equinoxConfigAdmin() {
        return composite(
            mavenBundle("org.osgi", "org.osgi.service.cm").versionAsInProject(),
            mavenBundle("org.osgi", "org.osgi.service.coordinator").versionAsInProject(),
            mavenBundle("org.eclipse.platform", "org.eclipse.equinox.cm").versionAsInProject());
    }

    /** @return a file: URL of the file a system property names */
    protected static String file(String property) {
        File file = new File(System.getProperty(property, ""));
        if (!file.isFile()) {
            throw new IllegalStateException("System property " + property + " names no built file: " + file);
        }
        return file.toURI().toString();
    }

    /** @return the properties of a connection to the test broker, with the user it accepts and this password */
    protected static Map<String, Object> connection(String pass) {
        return Map.of("kura.service.pid", PID, "enable", true,
            "server", "tcp://127.0.0.1:" + Integer.getInteger(KuraBroker.PORT_PROPERTY),
            "client_id", "tether-kura-" + UUID.randomUUID().toString().substring(0, 8),
            "user", KuraBroker.USER, "pass", pass, "queue_persistence", "memory",
            "reconnect_timeout_min", 1, "reconnect_timeout_max", 2);
    }

    /** @return the text Kura would store for a password */
    protected static String encrypted(String plain) throws Exception {
        return new String(new AesCryptoService().encryptAes(plain.toCharArray()));
    }

    /** Plays Kura's CryptoService. */
    protected void registerCryptoService() {
        context.registerService(CryptoService.class, new AesCryptoService(), null);
    }

    /** Writes a configuration as Kura's ConfigurationService does: location "?", so any bundle may read it. */
    protected void configure(String pid, Map<String, ?> properties) throws Exception {
        configAdmin.getConfiguration(pid, "?").update(new Hashtable<>(properties));
    }

    /** @return the one ConfigurableComponent service the filter selects, once there is one */
    protected ServiceReference<ConfigurableComponent> awaitConfigurable(String filter) {
        List<ServiceReference<ConfigurableComponent>> found = new ArrayList<>();
        await("ConfigurableComponent " + filter).atMost(TIMEOUT).until(() -> {
            found.clear();
            found.addAll(context.getServiceReferences(ConfigurableComponent.class, filter));
            return found.size() == 1;
        });
        return found.get(0);
    }

    /** @return the installed bundle with this symbolic name */
    protected Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
            .orElseThrow(() -> new AssertionError("bundle " + symbolicName + " not installed"));
    }
}
