package dev.tether.features;

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

/** Feature {@code tether-mqtt} installed at boot (featuresBoot), configured by {@code etc/dev.tether.mqtt.cfg}. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TetherFeatureIT extends TetherKarafTestSupport {

    @Configuration
    public Option[] config() throws IOException {
        return karaf(
            features(tetherFeatures(), "tether-mqtt"),
            composite(etcConfiguration("tether-karaf-etc")));
    }

    @Test
    public void connectsWithTheConfigurationInEtc() throws Exception {
        awaitActive(TETHER_PID);

        TetherChecks.assertConnectedAndRoundTrip(context, "default", "127.0.0.1:" + brokerPort(), TIMEOUT);
    }
}
