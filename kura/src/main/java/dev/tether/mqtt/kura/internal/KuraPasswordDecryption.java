package dev.tether.mqtt.kura.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Hands Tether the passwords Kura stores AES-encrypted, in plain text, without Tether knowing about Kura.
 *
 * <p>A ConfigAdmin {@link ConfigurationPlugin}: SCR reads component configurations through
 * {@code Configuration.getProcessedProperties(reference)}, and ConfigAdmin lets every plugin change the copy it
 * hands over, never the stored configuration. For a Tether configuration read on behalf of the Tether bundle,
 * each {@code Password} property is decrypted with Kura's {@link CryptoService}; a value it cannot decrypt
 * (written in plain text outside Kura's UI) passes unchanged, so Tether behaves as it does outside Kura. For
 * this bundle's own components, which only make Kura list the connections, the passwords are removed, so
 * they never become service properties. Other readers get the configuration as it is stored.
 *
 * <p>No {@code cm.target}: SCR reads with a reference of its own that carries no {@code service.pid}, so the
 * plugin selects configurations by their properties instead.
 */
@Component(immediate = true, property = ConfigurationPlugin.CM_RANKING + ":Integer=" + KuraPasswordDecryption.RANKING)
public final class KuraPasswordDecryption implements ConfigurationPlugin {

    /** Within 0..1000, where a plugin may change properties; nothing else in Kura competes for it. */
    static final int RANKING = 100;

    private static final String TETHER_BUNDLE = "dev.tether.mqtt";
    private static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);

    private final CryptoService crypto;
    private final Logger logger;
    private final Bundle ownBundle;
    private final CompletableFuture<Void> redelivery;

    /**
     * Ready to decrypt; and, if the Tether bundle is already running, has ConfigAdmin deliver its
     * configurations again, since SCR may have read them before this plugin was there (the order in which
     * bundles start after a Kura restart is not fixed). Not at once: this runs while the plugin service is
     * being registered, before ConfigAdmin has taken it up, so a delivery now could still miss it.
     */
    @Activate
    public KuraPasswordDecryption(@Reference(name = "crypto") CryptoService crypto,
        @Reference(name = "logger", service = LoggerFactory.class) Logger logger,
        @Reference(name = "configAdmin") ConfigurationAdmin configAdmin, BundleContext context) {
        this.crypto = crypto;
        this.logger = logger;
        this.ownBundle = context.getBundle();
        this.redelivery = tetherRunning(context)
            ? CompletableFuture.runAsync(() -> redeliverWithPasswords(configAdmin),
                CompletableFuture.delayedExecutor(REDELIVERY_DELAY.toMillis(), TimeUnit.MILLISECONDS))
            : CompletableFuture.completedFuture(null);
    }

    @Deactivate
    void deactivate() {
        redelivery.cancel(false);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reader, Dictionary<String, Object> properties) {
        if (!KuraPasswords.isTether(properties)) {
            return;
        }
        Bundle bundle = reader == null ? null : reader.getBundle();
        if (bundle == null) {
            return;
        }
        if (TETHER_BUNDLE.equals(bundle.getSymbolicName())) {
            Collection<String> plain = KuraPasswords.decrypt(properties, crypto);
            if (!plain.isEmpty()) {
                logger.debug("{} of {}: not encrypted by Kura's CryptoService, passed on as written", plain,
                    properties.get("service.pid"));
            }
        } else if (bundle.equals(ownBundle)) {
            KuraPasswords.remove(properties);
        }
    }

    private static boolean tetherRunning(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if (TETHER_BUNDLE.equals(bundle.getSymbolicName())
                && (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Writes each Tether configuration with a password back unchanged: a new change count makes SCR read it again. */
    private void redeliverWithPasswords(ConfigurationAdmin configAdmin) {
        try {
            Configuration[] configurations = configAdmin.listConfigurations(KuraPasswords.FILTER);
            if (configurations == null) {
                return;
            }
            for (Configuration configuration : configurations) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties != null && KuraPasswords.hasPassword(properties)) {
                    logger.debug("Delivering {} again, now with its passwords decrypted", configuration.getPid());
                    configuration.update(properties);
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            logger.warn("Could not deliver the Tether configurations again; a connection configured before Kura's"
                + " CryptoService was available may use its password encrypted until its configuration changes", e);
        }
    }
}
