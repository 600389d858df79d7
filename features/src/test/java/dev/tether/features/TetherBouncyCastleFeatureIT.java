package dev.tether.features;

import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.IOException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Feature {@code tether-mqtt-bouncycastle} installed at boot. (Installed later, Karaf refreshes Tether to wire its
 * optional imports, and with them Karaf's own ssh and shell bundles, which move from BouncyCastle 1.81 to 1.82: that
 * would refresh this test's probe under it, so it is not tested here.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TetherBouncyCastleFeatureIT extends TetherKarafTestSupport {

    @Configuration
    public Option[] config() throws IOException {
        return karaf(
            features(tetherFeatures(), "tether-mqtt-bouncycastle"),
            composite(etcConfiguration("tether-karaf-bouncycastle")));
    }

    @Test
    public void wiresTetherToBouncyCastleAndConnects() throws Exception {
        Bundle tether = awaitActive(TETHER_PID);

        await("Tether's optional imports wired to BouncyCastle 1.82").atMost(TIMEOUT)
            .until(() -> providerOf(tether, "org.bouncycastle.tls"), "bctls 1.82.0"::equals);
        TetherChecks.assertConnectedAndRoundTrip(context, "default", "127.0.0.1:" + brokerPort(), TIMEOUT);
    }

    /** @return "symbolic-name version" of the bundle a package import of a bundle is wired to, or null */
    private static String providerOf(Bundle bundle, String packageName) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return null;
        }
        return wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
            .filter(wire -> packageName.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
            .map(wire -> wire.getProvider().getBundle())
            .map(provider -> provider.getSymbolicName() + " " + provider.getVersion())
            .findFirst().orElse(null);
    }
}
