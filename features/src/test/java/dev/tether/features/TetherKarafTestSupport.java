package dev.tether.features;

import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.options.MavenUrlReference;
import org.ops4j.pax.exam.util.PathUtils;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots apache-karaf-minimal (the version of the pom) in a JVM of its own, with this module's features repository
 * and the project's bundles resolvable, and a Moquette broker in the driver JVM. Karaf resolves the project's own
 * artifacts from {@code target/itest-repo} (the build copies them there), everything else from the local Maven
 * repository or, when missing there, Maven Central.
 *
 * <p>Code that uses Tether's API lives in {@link TetherChecks}: the probe imports {@code dev.tether.mqtt}
 * dynamically, and must not try before the feature is installed.
 */
public abstract class TetherKarafTestSupport {

    /** System property that carries the broker's port into Karaf. */
    protected static final String BROKER_PORT = "tether.it.broker.port";

    /** Longest wait for anything that should happen soon: a bundle, a service, a connect, a message. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The PID of Tether's connection {@code default}, and the symbolic name of its bundle. */
    protected static final String TETHER_PID = "dev.tether.mqtt";

    private static final String TETHER_VERSION = "tether.version";
    private static final String KARAF_GROUP = "org.apache.karaf";
    private static final String KARAF_ARTIFACT = "apache-karaf-minimal";

    @Inject
    protected BundleContext context;

    /**
     * @param extra options of the test class
     * @return Karaf with the broker's port and everything the tests need inside the container
     */
    protected static Option[] karaf(Option... extra) throws IOException {
        MavenArtifactUrlReference distribution = maven().groupId(KARAF_GROUP).artifactId(KARAF_ARTIFACT).type("tar.gz")
            .versionAsInProject();
        Option[] base = options(
            karafDistributionConfiguration().frameworkUrl(distribution)
                .unpackDirectory(new File(PathUtils.getBaseDir(), "target/exam"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            vmOptions(java17Flags()),
            // the project's own artifacts first, then Karaf's own repositories as shipped
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                new File(System.getProperty("tether.itest.repo")).toURI() + "@id=tether.itest@snapshots,"
                    + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                    + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                    + "${karaf.base.uri}${karaf.default.repository}@id=child.system.repository@snapshots"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("user.home") + "/.m2/repository")),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort",
                Integer.toString(dev.tether.mqtt.testing.Ports.free())),
            systemProperty(BROKER_PORT).value(Integer.toString(DriverBroker.port())),
            systemProperty(TETHER_VERSION).value(tetherVersion()),
            mavenBundle("org.hamcrest", "hamcrest").versionAsInProject(),
            mavenBundle("org.awaitility", "awaitility").versionAsInProject());
        return Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(Option[]::new);
    }

    /**
     * @param clientId the MQTT client id, one per test class so that the broker never confuses two Karafs
     * @return {@code etc/dev.tether.mqtt.cfg} (picked up by FileInstall): connection {@code default} enabled, to the
     *     broker of the tests
     */
    protected static Option[] etcConfiguration(String clientId) throws IOException {
        String cfg = "etc/" + TETHER_PID + ".cfg";
        return options(
            editConfigurationFilePut(cfg, "enable", "true"),
            editConfigurationFilePut(cfg, "server", "127.0.0.1:" + DriverBroker.port()),
            editConfigurationFilePut(cfg, "client_id", clientId));
    }

    /** @return the features repository this module builds, as Karaf users name it */
    protected static MavenUrlReference tetherFeatures() {
        return maven().groupId("dev.tether").artifactId("tether-features").classifier("features").type("xml")
            .version(tetherVersion());
    }

    /** @return the project's version, for Maven URLs of its artifacts */
    private static String tetherVersion() {
        return System.getProperty(TETHER_VERSION);
    }

    /** The flags bin/karaf adds on Java 9+ and Pax Exam does not; without them karaf.log fills with OsgiLocator errors. */
    private static String[] java17Flags() {
        String version = org.ops4j.pax.exam.MavenUtils.getArtifactVersion(KARAF_GROUP, KARAF_ARTIFACT);
        return new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + version + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + version + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
        };
    }

    /** @return the port of the broker the driver started */
    protected static int brokerPort() {
        return Integer.getInteger(BROKER_PORT);
    }

    /** Waits until a bundle is installed and active. @return it */
    protected Bundle awaitActive(String symbolicName) {
        return await(symbolicName + " active").atMost(TIMEOUT).until(() -> bundle(symbolicName),
            bundle -> bundle != null && bundle.getState() == Bundle.ACTIVE);
    }

    /** @return the bundle with a symbolic name, or null */
    protected Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
            .findFirst().orElse(null);
    }

    /**
     * Runs Karaf shell commands in one session, as a user with the admin and manager roles (Karaf's command ACLs
     * want them for feature:* and config:*).
     *
     * @return what the commands printed
     * @throws Exception what a command threw
     */
    protected static String execute(SessionFactory sessionFactory, String... commands) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        try {
            Subject.doAs(admin, (PrivilegedExceptionAction<Void>) () -> {
                for (String command : commands) {
                    out.println("> " + command);
                    session.execute(command);
                }
                return null;
            });
        } catch (PrivilegedActionException e) {
            throw new AssertionError("a command failed; output:\n" + printed.toString(StandardCharsets.UTF_8),
                e.getException());
        } finally {
            session.close();
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
