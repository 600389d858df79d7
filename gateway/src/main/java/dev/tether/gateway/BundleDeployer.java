package dev.tether.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Makes the framework's bundles match the jars of a folder: installs new jars, updates changed ones, uninstalls
 * bundles whose jar is gone, then starts every bundle that is not a fragment (FileInstall last, once ConfigAdmin is
 * registered). The framework cache is kept across
 * restarts, so this runs against whatever the previous run left.
 */
final class BundleDeployer {

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final long CONFIG_ADMIN_TIMEOUT_MILLIS = 10_000;

    private final BundleContext context;

    BundleDeployer(BundleContext context) {
        this.context = context;
    }

    /**
     * @param folder the folder of bundle jars
     * @return the bundles of the folder, in the order started
     * @throws IOException if the folder cannot be listed or has no jars
     */
    List<Bundle> deploy(Path folder) throws IOException {
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
        List<Bundle> deferred = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (FILEINSTALL.equals(bundle.getSymbolicName())) {
                deferred.add(bundle);
            } else {
                start(bundle);
            }
        }
        if (!deferred.isEmpty()) {
            awaitConfigurationAdmin();
            deferred.forEach(BundleDeployer::start);
        }
        return bundles;
    }

    /**
     * FileInstall handles {@code .cfg} files only while ConfigAdmin is registered, and a {@code .cfg} file it scanned
     * before that is not retried until it changes (FileInstall 3.7.4 only retries bundle artifacts when a handler
     * arrives). So FileInstall starts once ConfigAdmin is there, whatever order the jars sort in.
     */
    private void awaitConfigurationAdmin() {
        ServiceTracker<Object, Object> configAdmin;
        try {
            configAdmin = new ServiceTracker<>(context,
                context.createFilter("(objectClass=org.osgi.service.cm.ConfigurationAdmin)"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        configAdmin.open(true);
        try {
            if (configAdmin.waitForService(CONFIG_ADMIN_TIMEOUT_MILLIS) == null) {
                System.err.println("[gateway] ConfigAdmin is not there after " + CONFIG_ADMIN_TIMEOUT_MILLIS
                    + " ms; starting FileInstall anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            configAdmin.close();
        }
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
    private static void start(Bundle bundle) {
        try {
            bundle.start();
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
