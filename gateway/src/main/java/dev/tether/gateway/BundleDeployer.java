package dev.tether.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Makes the framework's bundles match the jars of a folder: installs new jars, updates changed ones, uninstalls
 * bundles whose jar is gone, resolves them all, then starts them in the gateway's order: ConfigAdmin first, then
 * what Tether's default connection needs to come up ({@link #TETHER}), then the rest (Jetty, the web console, Gogo,
 * the example...) while Tether connects, and FileInstall last. The framework cache is kept across restarts, so this
 * runs against whatever the previous run left.
 *
 * <p>Bundles are started transiently: on a restart Felix would otherwise start the cached bundles itself, in bundle id
 * order, before the launcher could put ConfigAdmin, Tether and the broker first. (A cache from a gateway before this
 * one still has them marked persistently started, and Felix starts those in id order, as it did then.)
 */
final class BundleDeployer {

    static final String CONFIGURATION_ADMIN = "org.apache.felix.configadmin";
    /** Tether's bundle and, before it, what its default connection needs: SCR, its APIs, the LoggerFactory. */
    static final List<String> TETHER = List.of("org.osgi.service.log", "org.apache.felix.log", "org.osgi.util.function",
        "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr", "dev.tether.mqtt");
    static final String FILEINSTALL = "org.apache.felix.fileinstall";

    private final BundleContext context;
    private final Set<Bundle> started = new HashSet<>();

    BundleDeployer(BundleContext context) {
        this.context = context;
    }

    /**
     * Installs, updates and uninstalls so that the framework has the folder's bundles, and resolves them together, so
     * that optional imports (Tether's of EventAdmin's package) are wired whatever order they start in.
     *
     * @param folder the folder of bundle jars
     * @return the bundles of the folder, by jar name
     * @throws IOException if the folder cannot be listed or has no jars
     */
    List<Bundle> install(Path folder) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IOException("no bundles in " + folder);
        }
        String prefix = folder.toUri().toString();
        List<String> locations = jars.stream().map(jar -> jar.toUri().toString()).toList();
        for (Bundle stale : context.getBundles()) {
            if (stale.getLocation().startsWith(prefix) && !locations.contains(stale.getLocation())) {
                uninstall(stale);
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(installOrUpdate(jar));
        }
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(bundles);
        return bundles;
    }

    /**
     * Starts those of the bundles with this symbolic name that are not started yet.
     *
     * @param bundles       the installed bundles
     * @param symbolicNames which, in the order to start them
     */
    void start(List<Bundle> bundles, List<String> symbolicNames) {
        for (String name : symbolicNames) {
            for (Bundle bundle : bundles) {
                if (name.equals(bundle.getSymbolicName())) {
                    start(bundle);
                }
            }
        }
    }

    /**
     * Starts every bundle not started yet, except fragments, in the order given; FileInstall last.
     *
     * @param bundles the installed bundles
     */
    void startRest(List<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            if (!FILEINSTALL.equals(bundle.getSymbolicName())) {
                start(bundle);
            }
        }
        start(bundles, List.of(FILEINSTALL));
    }

    /** @return whether FileInstall has been started, by this class or by Felix (a cache of an older gateway) */
    boolean fileInstallStarted(List<Bundle> bundles) {
        return bundles.stream().anyMatch(bundle -> FILEINSTALL.equals(bundle.getSymbolicName())
            && (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0);
    }

    private Bundle installOrUpdate(Path jar) throws IOException {
        String location = jar.toUri().toString();
        try {
            // returns the bundle already installed from this location, if any
            Bundle bundle = context.installBundle(location);
            // a rebuilt jar with the same name (a SNAPSHOT) must replace the cached copy
            if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
                bundle.update();
            }
            return bundle;
        } catch (BundleException e) {
            throw new IOException("cannot install " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** A bundle that does not start is reported and skipped: the others may still give a usable gateway. */
    private void start(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null || !started.add(bundle)) {
            return;
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            System.err.println("[gateway] bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                + " did not start: " + e.getMessage());
        }
    }

    private static void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            System.err.println("[gateway] cannot uninstall " + bundle.getLocation() + ": " + e.getMessage());
        }
    }
}
