package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.wiring.BundleWiring;

/**
 * {@link SecureTransportIT} in Equinox with the BouncyCastle that Eclipse Kura ships (1.78.1): Tether's optional
 * imports wire to it, and TLS, mutual TLS and TLS-PSK work. Skipped where Mosquitto is not installed.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
@Category(InEquinox.class)
public class SecureTransportEquinoxIT extends SecureTransportIT {

    /** The BouncyCastle that Eclipse Kura's own bundles import (org.eclipse.kura.core.keystore: 1.78.1). */
    private static final String KURA_BOUNCY_CASTLE = "1.78.1";

    @Configuration
    @Override
    public Option[] config() throws IOException {
        return secureConfig(
            mavenBundle("org.bouncycastle", "bcprov-jdk18on", KURA_BOUNCY_CASTLE),
            mavenBundle("org.bouncycastle", "bcutil-jdk18on", KURA_BOUNCY_CASTLE),
            mavenBundle("org.bouncycastle", "bcpkix-jdk18on", KURA_BOUNCY_CASTLE),
            mavenBundle("org.bouncycastle", "bctls-jdk18on", KURA_BOUNCY_CASTLE));
    }

    @Test
    public void tetherWiresToKurasBouncyCastle() {
        assertThat(tetherBundle().adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package"))
            .filteredOn(wire -> wire.getProvider().getBundle().getSymbolicName().equals("bctls"))
            .isNotEmpty()
            .allSatisfy(wire -> assertThat(wire.getProvider().getBundle().getVersion().toString())
                .startsWith("1.78.1"));
    }
}
