package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import dev.tether.mqtt.itests.broker.SecureBrokers;

/**
 * TLS, mutual TLS with an encrypted PEM key, and TLS-PSK inside Felix with the BouncyCastle bundles
 * installed: proves the optional imports resolve and work, against Mosquitto.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class SecureTransportIT extends SecureTransportScenarios {

    @Configuration
    @Override
    public Option[] config() throws IOException {
        return secureConfig(
            mavenBundle("org.bouncycastle", "bcprov-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bcutil-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bcpkix-jdk18on").versionAsInProject(),
            mavenBundle("org.bouncycastle", "bctls-jdk18on").versionAsInProject());
    }

    @Test
    public void bouncyCastleIsWiredToTether() {
        assertThat(tetherBundle().adapt(org.osgi.framework.wiring.BundleWiring.class)
            .getRequiredWires("osgi.wiring.package"))
            .extracting(wire -> wire.getProvider().getBundle().getSymbolicName())
            .contains("bcprov", "bcpkix", "bctls");
    }

    @Test
    public void tlsRoundTrip() throws Exception {
        assertRoundTrip(tls());
    }

    @Test
    public void mutualTlsWithAnEncryptedKeyRoundTrip() throws Exception {
        assertRoundTrip(mutualTls());
    }

    @Test
    public void pskRoundTrip() throws Exception {
        assertRoundTrip(psk(property(SecureBrokers.PSK_KEY)));
    }

    @Test
    public void wrongPskKeyIsReportedAndNeverShown() throws Exception {
        String wrongKey = "ffeeddccbbaa99887766554433221100";

        String reason = failureOf(psk(wrongKey));

        assertThat(reason).contains("TLS-PSK handshake", "ssl_psk_key").doesNotContain(wrongKey);
        assertThat(tetherLog.lines()).noneMatch(line -> line.contains(wrongKey)
            || line.contains(property(SecureBrokers.PSK_KEY)));
    }
}
