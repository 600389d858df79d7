package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Tether speaks MQTT with its own engine: its bundle neither imports nor wires to Paho, though the tests' own client
 * (TestClient) installs Paho in this framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeDependenciesIT extends TetherTestSupport {

    @Test
    public void theBundleImportsNoPaho() {
        String imports = tetherBundle().getHeaders().get(Constants.IMPORT_PACKAGE);

        assertThat(imports).doesNotContain("org.eclipse.paho");
    }

    @Test
    public void theBundleIsWiredToNoPahoBundle() {
        List<BundleWire> wires = tetherBundle().adapt(BundleWiring.class)
            .getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE);

        assertThat(wires).isNotEmpty()
            .noneMatch(wire -> wire.getProvider().getBundle().getSymbolicName().startsWith("org.eclipse.paho"));
    }
}
