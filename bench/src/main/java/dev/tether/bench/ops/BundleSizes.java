package dev.tether.bench.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;

import dev.tether.bench.osgi.RuntimeRequirements;
import dev.tether.bench.report.OperationalFigure;

/**
 * Size on disk of what each client needs installed. Tether's figure is the bundle plus every bundle it is wired to at
 * run time in the benchmark's Felix, the platform (DS, Log) left out: when a library leaves its imports, it leaves
 * the figure with no change here.
 */
public final class BundleSizes {

    /** The HiveMQ client 1.3.3 and its runtime dependencies (from its pom), as copied to lib/. */
    private static final List<String> HIVEMQ = List.of("hivemq-mqtt-client-", "rxjava-", "reactive-streams-",
        "netty-buffer-", "netty-codec-4", "netty-common-", "netty-handler-4", "netty-resolver-4", "netty-transport-4",
        "netty-transport-native-unix-common-", "jctools-core-", "annotations-", "dagger-", "javax.inject-");

    private final Path lib;
    private final Bundle tether;

    /**
     * @param lib    the harness's class path folder, which holds the HiveMQ client and Paho
     * @param tether the Tether bundle, resolved
     */
    public BundleSizes(Path lib, Bundle tether) {
        this.lib = lib;
        this.tether = tether;
    }

    public OperationalFigure measure() throws IOException {
        RuntimeRequirements requirements = RuntimeRequirements.of(tether);
        double tetherKib = 0;
        List<String> counted = new ArrayList<>();
        for (Bundle bundle : requirements.counted()) {
            double kib = RuntimeRequirements.bytes(bundle) / 1024.0;
            tetherKib += kib;
            counted.add(String.format(Locale.ROOT, "%s %.0f", bundle.getSymbolicName(), kib));
        }
        List<String> platform = new ArrayList<>();
        for (Bundle bundle : requirements.platform()) {
            platform.add(bundle.getSymbolicName());
        }
        double paho = kib(lib, name -> name.startsWith("org.eclipse.paho.client.mqttv3-"));
        double hivemq = kib(lib, name -> HIVEMQ.stream().anyMatch(name::startsWith));
        return new OperationalFigure.Builder(OperationalFigure.SIZE_ON_DISK, "size on disk", "KiB")
            .values("tether", List.of(tetherKib))
            .values("paho", List.of(paho))
            .values("hivemq", List.of(hivemq))
            .note("Tether: the bundle plus every bundle it is wired to in Felix, counted: "
                + String.join(" + ", counted)
                + " KiB; the platform it also uses is not counted (" + String.join(", ", platform) + ")"
                + (requirements.optionalMissing().isEmpty() ? ""
                    : "; optional imports nothing provides here: " + packages(requirements.optionalMissing()))
                + ". HiveMQ: the client with Netty, RxJava and its other dependencies")
            .build();
    }

    /** @return e.g. "org.bouncycastle.* (9 packages), org.osgi.service.event" */
    private static String packages(List<String> names) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < names.size(); ) {
            String[] parts = names.get(i).split("\\.");
            String prefix = parts.length > 2 ? parts[0] + "." + parts[1] + "." : names.get(i);
            int j = i;
            while (j < names.size() && names.get(j).startsWith(prefix)) {
                j++;
            }
            groups.add(j - i > 1 ? prefix + "* (" + (j - i) + " packages)" : names.get(i));
            i = j;
        }
        return String.join(", ", groups);
    }

    private static double kib(Path folder, Predicate<String> include) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long bytes = 0;
            for (Path file : files.filter(f -> include.test(f.getFileName().toString())).toList()) {
                bytes += Files.size(file);
            }
            return bytes / 1024.0;
        }
    }
}
