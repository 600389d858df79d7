package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.tether.mqtt.ConnectionState;
import dev.tether.mqtt.MqttService;
import dev.tether.mqtt.itests.broker.SecureBrokers;

/**
 * Without BouncyCastle the bundle still resolves and plain TLS works; TLS-PSK and PEM client keys
 * are configuration errors that say which bundles to install.
 */
@RunWith(PaxExamIfMosquitto.class)
@ExamReactorStrategy(PerClass.class)
public class WithoutBouncyCastleIT extends SecureTransportScenarios {

    @Configuration
    @Override
    public Option[] config() throws IOException {
        return secureConfig();
    }

    @Test
    public void theBundleIsActiveWithoutBouncyCastle() {
        assertThat(tetherBundle().getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(context.getBundles()).noneMatch(bundle -> bundle.getSymbolicName().startsWith("bc"));
    }

    @Test
    public void tlsRoundTrip() throws Exception {
        assertRoundTrip(tls());
    }

    @Test
    public void pskIsAConfigurationErrorNamingTheMissingBundles() throws Exception {
        String reason = failureOf(psk(property(SecureBrokers.PSK_KEY)));

        assertThat(awaitService(MqttService.DEFAULT_CONNECTION).state()).isEqualTo(ConnectionState.CONFIGURATION_ERROR);
        assertThat(reason).contains("ssl_psk_identity", "TLS-PSK needs the BouncyCastle bundles bcprov, bcutil and bctls");
    }

    @Test
    public void pemClientKeyIsAConfigurationErrorNamingTheMissingBundles() throws Exception {
        String reason = failureOf(mutualTls());

        assertThat(awaitService(MqttService.DEFAULT_CONNECTION).state()).isEqualTo(ConnectionState.CONFIGURATION_ERROR);
        assertThat(reason).contains("ssl_key", "bcprov, bcutil and bcpkix");
    }
}
