package dev.tether.mqtt.kura.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * The built {@code .dp} installed the way Kura installs packages (its Packages page and REST API hand the file
 * to Felix DeploymentAdmin 0.9.5, which Kura ships with DependencyManager 3.0.0), into a framework with only
 * what Kura provides: everything Tether needs comes from the package, and works.
 */
@RunWith(PaxExam.class)
public class DeploymentPackageEquinoxIT extends KuraTestSupport {

    @Inject
    private DeploymentAdmin deploymentAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return options(kura(),
            systemProperty("tether.kura.dp").value(file("tether.kura.dp")),
            mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.dependencymanager").versionAsInProject(),
            mavenBundle("org.apache.felix", "org.apache.felix.deploymentadmin").versionAsInProject());
    }

    @Test
    public void givenTheDeploymentPackage_whenKuraInstallsIt_thenTetherRunsAndDecryptsItsPassword() throws Exception {
        DeploymentPackage installed;
        try (InputStream in = URI.create(System.getProperty("tether.kura.dp")).toURL().openStream()) {
            installed = deploymentAdmin.installDeploymentPackage(in);
        }

        assertThat(Arrays.stream(installed.getBundleInfos()).map(BundleInfo::getSymbolicName))
            .containsExactlyInAnyOrder("dev.tether.mqtt", "dev.tether.mqtt.kura");
        for (BundleInfo info : installed.getBundleInfos()) {
            assertThat(installed.getBundle(info.getSymbolicName()).getState()).as(info.getSymbolicName())
                .isEqualTo(Bundle.ACTIVE);
        }

        registerCryptoService();
        configure(PID, connection(encrypted(KuraBroker.PASSWORD)));

        awaitConfigurable("(kura.service.pid=" + PID + ")");
        TetherServices.awaitConnected(context, "default", TIMEOUT);
    }
}
