package dev.tether.bench.measure;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM during a run: what a client costs besides how fast it goes, which matters on a gateway with
 * few cores (here the broker competes for the same two). All threads count, the garbage collector's too, except the
 * JIT compiler's: compiling is a warm-up cost, and with few warm-up messages it would weigh on whichever client the
 * JIT happens to be busy with; and except harness threads named by the caller.
 *
 * <p>The JVM's process figure comes in 10 ms ticks, too coarse for a run of a thousand 16 KiB messages, and cannot
 * leave anything out. On Linux each thread's time is in {@code /proc/self/task/TID/schedstat}, in nanoseconds; but a
 * thread that ends takes its time with it, so when the live threads' sum falls short of the ticks by more than
 * their error, the ticks are used instead, less what the live threads left out.
 */
final class ProcessCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux keeps the first 15 bytes of a thread name: "C2 CompilerThre". */
    private static final List<String> JIT = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** Both ends of a tick figure may be off by one tick. */
    private static final long TICKS_ERROR_NANOS = 20_000_000;

    private ProcessCpu() {
    }

    /**
     * CPU times at one moment; {@code perThread} (by thread id) is empty where the system does not tell;
     * {@code compileMillis} is the JIT's total so far, which keeps counting when a compiler thread ends.
     */
    record Snapshot(long ticksNanos, Map<String, ThreadTime> perThread, long compileMillis) {
    }

    /** A thread's name as Linux keeps it (its first 15 bytes) and its CPU time, read together. */
    record ThreadTime(String name, long nanos) {
    }

    static Snapshot take() {
        Map<String, ThreadTime> perThread = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    // the name now, not when the figure is summed: by then the thread may be gone, and a nameless
                    // harness thread would be counted as the client's
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("schedstat"));
                    perThread.put(task.getFileName().toString(),
                        new ThreadTime(name, Long.parseLong(stat.substring(0, stat.indexOf(' ')))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            perThread.clear();
        }
        return new Snapshot(ticks(), perThread, compileMillis());
    }

    /** @return CPU nanoseconds used since {@code start}; -1 if the JVM does not tell */
    static long since(Snapshot start) {
        return since(start, null, 0);
    }

    /**
     * @param harness       the name prefix of harness threads started during the run, left out; null for none
     * @param harnessNanos  the CPU time those threads used (in the ticks even once they ended)
     * @return CPU nanoseconds used since {@code start}; -1 if the JVM does not tell
     */
    static long since(Snapshot start, String harness, long harnessNanos) {
        Snapshot end = take();
        long ticks = start.ticksNanos() < 0 || end.ticksNanos() < 0 ? -1 : end.ticksNanos() - start.ticksNanos();
        if (start.perThread().isEmpty() || end.perThread().isEmpty()) {
            return ticks < 0 ? -1 : ticks - harnessNanos;
        }
        long counted = 0;
        long jit = 0;
        for (Map.Entry<String, ThreadTime> thread : end.perThread().entrySet()) {
            ThreadTime before = start.perThread().get(thread.getKey());
            long used = thread.getValue().nanos() - (before == null ? 0 : before.nanos());
            if (used == 0) {
                continue;
            }
            String name = thread.getValue().name();
            if (JIT.contains(name)) {
                jit += used;
            } else if (harness == null || !name.startsWith(harness)) {
                counted += used;
            }
        }
        // the harness threads' time is in the ticks whether they ended or not; a thread that ended is only there.
        // The JVM starts and ends compiler threads as it needs them (UseDynamicNumberOfCompilerThreads): the time of
        // one that ended is in the ticks too, and only the JIT's own total tells it
        long compiled = start.compileMillis() < 0 || end.compileMillis() < 0 ? 0
            : (end.compileMillis() - start.compileMillis()) * 1_000_000;
        long jitTotal = Math.max(jit, compiled);
        boolean threadEnded = ticks >= 0 && ticks - harnessNanos - jitTotal - counted > TICKS_ERROR_NANOS;
        return threadEnded ? ticks - harnessNanos - jitTotal : counted;
    }

    /** @return the JIT compiler's time so far in milliseconds, -1 if the JVM does not tell */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** @return process CPU time in nanoseconds (10 ms ticks on Linux), -1 if the JVM does not tell */
    private static long ticks() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
