package dev.tether.mqtt.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.util.List;
import java.util.ServiceLoader;

import org.ops4j.pax.exam.Option;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The OSGi framework the tests run in. Pax Exam's native container starts every framework whose
 * {@link FrameworkFactory} is on the test class path, so each failsafe execution puts exactly one
 * there: Felix in the default one, Equinox in {@code equinox} (see {@code itests/pom.xml}). Only
 * for the driver side: a probe never needs to know.
 */
enum TestFramework {

    FELIX("org.apache.felix.framework.FrameworkFactory") {
        @Override
        Option options() {
            return composite(
                frameworkProperty("felix.log.level").value("1"),
                // Felix has no log service of its own
                mavenBundle("org.osgi", "org.osgi.service.log").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject());
        }
    },

    /**
     * Equinox as Kura runs it, with the same Felix SCR, ConfigAdmin and metatype bundles as in
     * Felix. Its system bundle exports {@code org.osgi.service.log} 1.5 and registers LogService,
     * LoggerFactory, LogReaderService and LoggerAdmin itself, so no log bundle is installed: a
     * second exporter of the log API would split the bundles' class spaces between two copies.
     */
    EQUINOX("org.eclipse.osgi.launch.EquinoxFactory") {
        @Override
        Option options() {
            return composite(
                // errors (framework events, ERROR log entries) on the test output, as felix.log.level=1
                // does for Felix's own, instead of only in a .log file in the storage area Pax Exam deletes
                frameworkProperty("eclipse.consoleLog").value("true"),
                frameworkProperty("eclipse.log.level").value("ERROR"));
        }
    };

    private final String factoryClass;

    TestFramework(String factoryClass) {
        this.factoryClass = factoryClass;
    }

    /** @return the options this framework needs besides the common ones: its log service and quiet logs */
    abstract Option options();

    /** @return the one framework on the test class path */
    static TestFramework onClassPath() {
        List<String> factories = ServiceLoader.load(FrameworkFactory.class).stream()
            .map(provider -> provider.type().getName())
            .toList();
        for (TestFramework framework : values()) {
            if (factories.equals(List.of(framework.factoryClass))) {
                return framework;
            }
        }
        throw new IllegalStateException("Expected exactly one of Felix and Equinox on the test class path, found "
            + factories + ": Pax Exam would run every test in each of them");
    }
}
