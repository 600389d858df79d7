package dev.tether.bench.osgi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Namespace;

/**
 * What a bundle needs at run time, read from the framework's wiring once it resolved, so the figure follows the
 * bundle's real imports rather than a list kept by hand: the bundles its requirements are wired to, and theirs in
 * turn. OSGi specification packages ({@code org.osgi.*}) and capabilities such as the DS extender are the platform,
 * which any OSGi gateway already has and every client shares; anything else is a library the bundle brings along.
 *
 * @param libraries        bundles wired to for anything but the platform, directly or through another library
 * @param platform         bundles wired to for the platform only
 * @param optionalMissing  optional packages the bundle imports that nothing here provides
 */
public record RuntimeRequirements(Bundle bundle, List<Bundle> libraries, List<Bundle> platform,
        List<String> optionalMissing) {

    private static final Pattern PACKAGE_FILTER = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");

    public static RuntimeRequirements of(Bundle bundle) {
        Set<Bundle> libraries = new LinkedHashSet<>();
        Set<Bundle> platform = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(bundle));
        while (!todo.isEmpty()) {
            BundleWiring wiring = todo.pop().adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                Bundle provider = wire.getProvider().getBundle();
                // the system bundle is the JVM and the framework (and, in the benchmark, Tether's own API package)
                if (provider.getBundleId() == 0 || provider.equals(bundle)) {
                    continue;
                }
                if (!platform(wire)) {
                    if (libraries.add(provider)) {
                        todo.push(provider);
                    }
                } else {
                    platform.add(provider);
                }
            }
        }
        platform.removeAll(libraries);
        return new RuntimeRequirements(bundle, List.copyOf(libraries), List.copyOf(platform),
            optionalMissing(bundle));
    }

    private static boolean platform(BundleWire wire) {
        String namespace = wire.getCapability().getNamespace();
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(namespace)) {
            Object name = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            return String.valueOf(name).startsWith("org.osgi.");
        }
        // Require-Bundle and fragments bring code; osgi.extender, osgi.service and the like name platform parts
        return !namespace.startsWith("osgi.wiring.");
    }

    private static List<String> optionalMissing(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return List.of();
        }
        Set<BundleRequirement> wired = new LinkedHashSet<>();
        wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).forEach(wire -> wired.add(wire.getRequirement()));
        Set<String> missing = new TreeSet<>();
        for (BundleRequirement requirement : bundle.adapt(BundleRevision.class)
                .getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution) && !wired.contains(requirement)) {
                Matcher name = PACKAGE_FILTER.matcher(requirement.getDirectives().getOrDefault(
                    Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
                missing.add(name.find() ? name.group(1) : requirement.toString());
            }
        }
        return List.copyOf(missing);
    }

    /** @return the bundle and its libraries: what it takes to run it on top of the platform */
    public List<Bundle> counted() {
        List<Bundle> counted = new ArrayList<>();
        counted.add(bundle);
        counted.addAll(libraries);
        return counted;
    }

    /** @return the size of the bundle's jar, as installed from a file */
    public static long bytes(Bundle bundle) throws IOException {
        return Files.size(Path.of(URI.create(bundle.getLocation())));
    }
}
