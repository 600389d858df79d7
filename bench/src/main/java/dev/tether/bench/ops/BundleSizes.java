package dev.tether.bench.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.tether.bench.report.OperationalFigure;

/** Size on disk of what each client needs installed. */
public final class BundleSizes {

    /** The HiveMQ client 1.3.3 and its runtime dependencies (from its pom), as copied to lib/. */
    private static final List<String> HIVEMQ = List.of("hivemq-mqtt-client-", "rxjava-", "reactive-streams-",
        "netty-buffer-", "netty-codec-4", "netty-common-", "netty-handler-4", "netty-resolver-4", "netty-transport-4",
        "netty-transport-native-unix-common-", "jctools-core-", "annotations-", "dagger-", "javax.inject-");

    private final Path lib;
    private final Path bundles;

    public BundleSizes(Path lib, Path bundles) {
        this.lib = lib;
        this.bundles = bundles;
    }

    public OperationalFigure measure() throws IOException {
        double tether = kib(bundles, name -> name.startsWith("dev.tether.mqtt-"));
        double paho = kib(bundles, name -> name.startsWith("org.eclipse.paho.client.mqttv3-"));
        double mvstore = kib(bundles, name -> name.startsWith("h2-mvstore-"));
        double hivemq = kib(lib, name -> HIVEMQ.stream().anyMatch(name::startsWith));
        return new OperationalFigure.Builder("size-on-disk", "size on disk", "KiB")
            .values("tether", List.of(tether))
            .values("paho", List.of(paho))
            .values("hivemq", List.of(hivemq))
            .note(String.format(java.util.Locale.ROOT, "Tether: the bundle alone; it also needs Paho (%.0f KiB) and"
                + " H2 MVStore (%.0f KiB), %.0f KiB in all. HiveMQ: the client with Netty, RxJava and its other"
                + " dependencies", paho, mvstore, tether + paho + mvstore))
            .build();
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
