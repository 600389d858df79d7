package dev.tether.features;

import static org.junit.Assert.assertTrue;

import java.io.IOException;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A plain Karaf; the test adds the features repository, installs and configures Tether with shell commands, and
 * uses Tether's own {@code mqtt:*} commands, which Karaf's shell runs like any Gogo command.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TetherFeatureShellIT extends TetherKarafTestSupport {

    @Inject
    private SessionFactory sessionFactory;

    @Configuration
    public Option[] config() throws IOException {
        return karaf();
    }

    @Test
    public void installedAndConfiguredFromTheShellConnectsAndIsListed() throws Exception {
        String server = "127.0.0.1:" + brokerPort();

        execute(sessionFactory,
            "feature:repo-add " + tetherFeatures().getURL(),
            "feature:install tether-mqtt");
        awaitActive(TETHER_PID);
        execute(sessionFactory,
            "config:edit " + TETHER_PID,
            "config:property-set enable true",
            "config:property-set server " + server,
            "config:property-set client_id tether-karaf-shell",
            "config:update");

        TetherChecks.assertConnectedAndRoundTrip(context, "default", server, TIMEOUT);
        String connections = execute(sessionFactory, "mqtt:connections");
        assertTrue("mqtt:connections printed:\n" + connections, connections.contains("CONNECTED") && connections.contains(server));
    }
}
