package dev.tether.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    private static final long BURN_NANOS = 200_000_000;

    @Test
    void aHarnessThreadIsLeftOutAndTheRestCounted() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ProcessCpu.Snapshot start = ProcessCpu.take();
        AtomicLong harness = new AtomicLong();
        Thread feeder = new Thread(() -> harness.set(burn()), NativeFeeder.THREAD_NAME + "t");
        feeder.start();
        long own = burn();
        feeder.join();

        long measured = ProcessCpu.since(start, NativeFeeder.THREAD_NAME, harness.get());

        // this thread's burn, give or take what else the JVM did meanwhile (GC, the JIT is left out)
        assertThat(measured).isBetween(own - 20_000_000, own + 60_000_000);
    }

    /** @return the CPU time spent, about {@link #BURN_NANOS} */
    private static long burn() {
        var bean = ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        long sink = 0;
        while (bean.getCurrentThreadCpuTime() - start < BURN_NANOS) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return bean.getCurrentThreadCpuTime() - start;
    }
}
