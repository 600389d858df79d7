package dev.tether.mqtt.kura.itests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The tests of {@link KuraEquinoxIT} with Equinox's ConfigAdmin (org.eclipse.equinox.cm, as in Kura) instead
 * of Felix's: it, too, must hand SCR the properties the plugin decrypted, and deliver a configuration without a
 * location to both bundles that read it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class KuraEquinoxCmIT extends KuraEquinoxIT {

    @Override
    protected Option configAdminBundles() {
        return equinoxConfigAdmin();
    }

    @Test
    public void thenTheConfigurationAdminIsEquinoxs() {
        assertThat(context.getServiceReference(ConfigurationAdmin.class).getBundle().getSymbolicName())
            .isEqualTo("org.eclipse.equinox.cm");
    }
}
