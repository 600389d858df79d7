package dev.tether.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** One line per step on standard output, with the time since the JVM started, so a slow step shows. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... arguments) {
        double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", seconds, String.format(Locale.ROOT, format, arguments));
    }
}
