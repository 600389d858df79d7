package dev.tether.bench.ops;

import java.lang.management.ManagementFactory;

/** Heap retained by this JVM, for footprint figures. */
final class Heap {

    private Heap() {
    }

    /** @return heap in use after full collections: what is retained, not garbage not yet collected */
    static long retainedBytes() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
