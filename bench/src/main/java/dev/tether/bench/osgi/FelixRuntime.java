package dev.tether.bench.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Apache Felix in this JVM with the bundles of a folder: the platform (DS, ConfigAdmin, Log), Tether and the libraries
 * it imports (bench/pom.xml lists them).
 *
 * <p>The system bundle exports Tether's API package ({@code dev.tether.mqtt}) from the harness's class path, and
 * Tether imports its own API package, so it wires to that export: the harness then calls {@code MqttService} and
 * registers {@code MqttMessageListener}s with the very classes the bundle uses, like any bundle would, with no
 * reflection in the measured path. {@link #start} checks that wiring and fails if it did not happen.
 */
public final class FelixRuntime implements AutoCloseable {

    public static final String TETHER_BSN = "dev.tether.mqtt";
    private static final String API_PACKAGE = "dev.tether.mqtt";
    private static final Pattern API_EXPORT =
        Pattern.compile("(?:^|,)dev\\.tether\\.mqtt;version=\"?([0-9.]+)\"?");
    private static final long STOP_TIMEOUT_MILLIS = 15_000;

    private final Framework framework;
    private final List<Bundle> installed;
    private final Bundle tether;
    private final ConfigAdminClient configAdmin;

    private FelixRuntime(Framework framework, List<Bundle> installed, Bundle tether, ConfigAdminClient configAdmin) {
        this.framework = framework;
        this.installed = installed;
        this.tether = tether;
        this.configAdmin = configAdmin;
    }

    /**
     * @param bundles the folder of bundle jars
     * @param cache   the framework's storage, emptied first
     */
    public static FelixRuntime start(Path bundles, Path cache) throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(bundles)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        Path tetherJar = jars.stream().filter(jar -> jar.getFileName().toString().startsWith(TETHER_BSN + "-"))
            .findFirst().orElseThrow(() -> new IOException("no " + TETHER_BSN + " jar in " + bundles));

        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.log.level", "1");
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGE + ";version=" + apiVersion(tetherJar));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        Bundle tether = null;
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
            if (TETHER_BSN.equals(bundle.getSymbolicName())) {
                tether = bundle;
            }
        }
        requireSharedApi(tether);
        ConfigAdminClient configAdmin = ConfigAdminClient.await(context, Duration.ofSeconds(10));
        return new FelixRuntime(framework, List.copyOf(installed), tether, configAdmin);
    }

    /** The version Tether exports its API with, so the system bundle's export satisfies Tether's own import. */
    private static String apiVersion(Path tetherJar) throws IOException {
        try (JarFile jar = new JarFile(tetherJar.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            Matcher matcher = API_EXPORT.matcher(exports == null ? "" : exports);
            if (!matcher.find()) {
                throw new IOException(tetherJar + " does not export " + API_PACKAGE + ": " + exports);
            }
            return matcher.group(1);
        }
    }

    private static void requireSharedApi(Bundle tether) {
        if (tether == null || tether.getState() != Bundle.ACTIVE) {
            throw new IllegalStateException("the Tether bundle is not active: " + tether);
        }
        BundleWiring wiring = tether.adapt(BundleWiring.class);
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (API_PACKAGE.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                long provider = wire.getProvider().getBundle().getBundleId();
                if (provider != 0) {
                    throw new IllegalStateException("Tether imports its API from bundle " + provider
                        + ", not from the system bundle: the harness could not call it with its own classes");
                }
                return;
            }
        }
        throw new IllegalStateException("Tether does not import its own API package " + API_PACKAGE
            + " (it must, substitutably, for the harness to share it)");
    }

    /** @return the system bundle's context, through which the harness uses services */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    public ConfigAdminClient configAdmin() {
        return configAdmin;
    }

    /** @return the Tether bundle, active */
    public Bundle tether() {
        return tether;
    }

    /**
     * @return the bundles installed from the folder that no other bundle is wired to and that register no service:
     *         left over in the folder (e.g. a library Tether stopped importing), not part of any figure
     */
    public List<String> unused() {
        List<String> unused = new ArrayList<>();
        for (Bundle bundle : installed) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            boolean wiredTo = wiring != null && !wiring.getProvidedWires(null).isEmpty();
            if (!bundle.equals(tether) && !wiredTo && bundle.getRegisteredServices() == null) {
                unused.add(bundle.getSymbolicName());
            }
        }
        return unused;
    }

    /** @return e.g. "dev.tether.mqtt 0.1.0.SNAPSHOT, org.apache.felix.scr 2.2.12, ..." */
    public String describeBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : installed) {
            names.add(bundle.getSymbolicName() + " " + bundle.getVersion());
        }
        return String.join(", ", names);
    }

    /** @return e.g. "0.1.0.SNAPSHOT (built 2026-11-25T13:12:59Z)" */
    public String tetherVersion() {
        Object built = tether.getHeaders().get("Tether-Build-Time");
        return tether.getVersion() + (built == null ? "" : " (built " + built + ")");
    }

    @Override
    public void close() {
        try {
            framework.stop();
            if (framework.waitForStop(STOP_TIMEOUT_MILLIS).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("[bench] Felix did not stop within " + STOP_TIMEOUT_MILLIS + " ms");
            }
        } catch (BundleException e) {
            System.err.println("[bench] stopping Felix: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
