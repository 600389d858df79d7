package dev.tether.mqtt.internal.transport;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An elastic pool like Tether's shared one, with named threads so that tests can tell them from the JDK's. */
final class TestPool {

    private TestPool() {
    }

    /** @return a pool of daemon threads named {@code prefix-N}, idle ones ending after a second */
    static ThreadPoolExecutor elastic(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
