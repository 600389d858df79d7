package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Tether speaks MQTT with its own engine and keeps its queue in files of its own: its bundle neither imports nor wires
 * to Paho (though the tests' own client installs Paho in this framework), and needs no package at run time beyond
 * the Java runtime's ({@code javax.net.ssl}, {@code javax.management} for its JMX beans), the OSGi specifications' and
 * its own API; BouncyCastle, EventAdmin and the Felix Health Checks API are optional.
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

    @Test
    public void everyMandatoryImportIsTheJavaRuntimesAnOsgiSpecificationOrTethersOwnApi() {
        List<String> mandatory = tetherBundle().adapt(BundleRevision.class)
            .getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE).stream()
            .filter(requirement -> !PackageNamespace.RESOLUTION_OPTIONAL.equals(
                requirement.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE)))
            .map(requirement -> packageOf(requirement.getDirectives().get(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE)))
            .toList();

        assertThat(mandatory).isNotEmpty()
            .allSatisfy(name -> assertThat(name).matches("org\\.osgi\\..*|javax\\.net(\\.ssl)?|javax\\.management|dev\\.tether\\.mqtt"));
    }

    private static String packageOf(String filter) {
        Matcher matcher = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)").matcher(filter);
        assertThat(matcher.find()).as("package in %s", filter).isTrue();
        return matcher.group(1);
    }
}
