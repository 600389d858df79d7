package dev.tether.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The machine the figures were taken on, for the report's header. */
final class Machine {

    private Machine() {
    }

    static String cpu() {
        return field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String memory() {
        return field(Path.of("/proc/meminfo"), "MemTotal")
            .map(total -> String.format(Locale.ROOT, "%.1f GiB",
                Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
            .orElse("?");
    }

    static String jvm() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
            + System.getProperty("java.vendor") + "), max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
            + (options.isEmpty() ? ", no JVM options" : ", options " + String.join(" ", options));
    }

    /** @return the 1, 5 and 15 minute load averages: other work on the machine skews every figure */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String os() {
        String name = field(Path.of("/etc/os-release"), "PRETTY_NAME").map(value -> value.replace("\"", ""))
            .orElse(System.getProperty("os.name"));
        return name + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** @return the value after the first "key:" or "key=" line of the file */
    private static Optional<String> field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    int separator = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
                    if (separator > 0) {
                        return Optional.of(line.substring(separator + 1).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return Optional.empty();
    }
}
