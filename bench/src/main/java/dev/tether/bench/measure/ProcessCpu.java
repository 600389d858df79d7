package dev.tether.bench.measure;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM, all threads: what a run costs besides how fast it goes, which matters on a gateway with
 * few cores (here the broker competes for the same two).
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** @return process CPU time in nanoseconds, -1 if the JVM does not tell */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
