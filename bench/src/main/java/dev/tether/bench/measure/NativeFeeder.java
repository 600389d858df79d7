package dev.tether.bench.measure;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Native publishers feeding one subscriber: {@code mosquitto_pub -l} processes, each sent its share of the lines
 * (contiguous sequence numbers) by a harness thread of its own writing into its standard input. Those threads' CPU
 * time is measured, so that it can be taken out of the JVM's figure: it is the harness's, not the subscriber's.
 */
final class NativeFeeder {

    /** The feeding threads' name prefix (within the 15 bytes Linux keeps of a thread name). */
    static final String THREAD_NAME = "bench-feeder-";
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<Process> publishers;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong cpuNanos = new AtomicLong();
    private volatile String failure;

    private NativeFeeder(List<Process> publishers) {
        this.publishers = publishers;
    }

    /** Starts {@code feeders} publishers, connected once the method returns (not yet reading: see {@link #probe}). */
    static NativeFeeder start(MosquittoProcesses processes, String runId, int qos, String topic, int feeders)
            throws IOException {
        List<Process> publishers = new ArrayList<>();
        for (int k = 0; k < feeders; k++) {
            publishers.add(processes.publisher(id(runId, k), qos, topic));
        }
        return new NativeFeeder(publishers);
    }

    private static String id(String runId, int feeder) {
        return runId + "-feed" + feeder;
    }

    /** For a native subscriber, which cannot tell probes: waits until the broker saw every publisher connect. */
    void awaitConnected(MosquittoProcesses processes, String runId) throws IOException, InterruptedException {
        for (int k = 0; k < publishers.size(); k++) {
            processes.awaitPublisher(id(runId, k));
        }
    }

    /**
     * Sends probe lines through every publisher until the subscriber got one from each (publisher k probes with
     * sequence number -1 - k): then the subscription is live and every publisher reads its input.
     */
    void probe(Receipts receipts, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int k = 0; k < publishers.size(); k++) {
            long probe = -1 - k;
            byte[] payload = Payloads.text(Payloads.HEADER_BYTES, probe);
            byte[] line = Arrays.copyOf(payload, payload.length + 1);
            line[payload.length] = '\n';
            OutputStream input = publishers.get(k).getOutputStream();
            while (!receipts.probed(probe)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no probe from mosquitto_pub " + k + " arrived within " + limit.toSeconds()
                        + " s: the subscription is not live, or the publisher is not reading");
                }
                input.write(line);
                input.flush();
                LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
            }
        }
    }

    /** @return each publisher's share of the lines 0 to count - 1, made before the clock starts */
    List<byte[]> shares(int count, int payloadBytes) {
        List<byte[]> shares = new ArrayList<>();
        int feeders = publishers.size();
        for (int k = 0; k < feeders; k++) {
            shares.add(Payloads.lines((int) ((long) count * k / feeders), (int) ((long) count * (k + 1) / feeders),
                payloadBytes));
        }
        return shares;
    }

    /** Starts writing each share into its publisher, one thread each; returns at once. */
    void feed(List<byte[]> shares) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int k = 0; k < publishers.size(); k++) {
            OutputStream input = publishers.get(k).getOutputStream();
            byte[] share = shares.get(k);
            Thread thread = new Thread(() -> {
                long cpuStart = bean.getCurrentThreadCpuTime();
                try {
                    input.write(share);
                    input.flush();
                } catch (IOException e) {
                    failure = "writing to mosquitto_pub: " + e;
                } finally {
                    cpuNanos.addAndGet(bean.getCurrentThreadCpuTime() - cpuStart);
                }
            }, THREAD_NAME + k);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Waits for the feeding threads to finish.
     *
     * @return their CPU time, nanoseconds
     */
    long awaitFed(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return cpuNanos.get();
    }

    /** @return why feeding failed, null if it did not */
    String failure() {
        return failure;
    }
}
