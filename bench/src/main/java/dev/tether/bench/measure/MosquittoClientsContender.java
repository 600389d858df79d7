package dev.tether.bench.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;


/**
 * The native limit: {@code mosquitto_sub} and {@code mosquitto_pub} processes (libmosquitto, C).
 *
 * <p>Throughput: {@code mosquitto_sub -C N} (exits after N messages, output to /dev/null) is started and is live once
 * the broker logs its subscription; {@code mosquitto_pub -l} (one message per line of standard input, up to the Java
 * clients' window in flight) is started and connected the same way; then the clock starts, the harness writes all N
 * lines (payload-sized, a sequence number and padding) into its standard input as fast as it reads them, and stops
 * when {@code mosquitto_sub} exits. Process start-up and connecting are thus outside the measured time, as they are
 * for the Java clients.
 *
 * <p>Receive and publish: the same pair, with the very peers the Java clients have in those runs (the same number of
 * feeding publishers for receive, one publisher for publish, and mosquitto_sub's output counted for duplicates and
 * gaps), so that a Java client's one-way figure can be read against what a C client gets from the same setup.
 *
 * <p>Latency: the harness writes each line at its scheduled time, carrying that time (wall clock, nanoseconds);
 * {@code mosquitto_sub -F '%U %p'} prints its own receive time before each payload. The figure includes the hop
 * through the publisher's standard input pipe (tens of microseconds), which the Java clients do not have.
 */
public final class MosquittoClientsContender implements Contender {

    private final NativePeers peers;

    public MosquittoClientsContender(NativePeers peers) {
        this.peers = peers;
    }

    public static boolean installed() {
        return MosquittoProcesses.installed();
    }

    /** @return e.g. "mosquitto_pub version 2.0.11 running on libmosquitto 2.0.11." */
    public static String version() {
        return MosquittoProcesses.version();
    }

    @Override
    public String name() {
        return "mosquitto_pub/sub";
    }

    @Override
    public String key() {
        return "mosquitto-clients";
    }

    @Override
    public boolean covers(BenchCase benchCase) {
        return !benchCase.fileQueue();
    }

    @Override
    public ThroughputSample throughput(BenchCase benchCase, int count, String runId) throws Exception {
        String topic = "bench/" + runId;
        byte[] lines = Payloads.lines(0, count, benchCase.payloadBytes());
        try (MosquittoProcesses processes = peers.processes()) {
            Process subscriber = processes.subscriber(runId + "-sub", benchCase.qos(), topic,
                ProcessBuilder.Redirect.DISCARD, "-C", Integer.toString(count));
            Process publisher = processes.publisher(runId + "-pub", benchCase.qos(), topic);
            processes.awaitSubscribed(runId + "-sub", topic);
            processes.awaitPublisher(runId + "-pub");
            long start = System.nanoTime();
            OutputStream input = publisher.getOutputStream();
            input.write(lines);
            input.flush();
            Duration limit = MosquittoProcesses.runLimit(count);
            boolean exited = subscriber.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            // only now: at the end of its input mosquitto_pub -l disconnects once the last message id it sent is
            // acknowledged, and ids wrap at 65,535, so with more QoS 1/2 messages it could leave early
            input.close();
            boolean complete = exited && subscriber.exitValue() == 0;
            // mosquitto_sub does not say how many it got short of N; 0 marks the run incomplete
            return new ThroughputSample(count, complete ? count : 0, 0, 0, end - start, complete ? null
                : exited ? "mosquitto_sub exited with status " + subscriber.exitValue()
                : "mosquitto_sub had not received all messages after " + limit.toSeconds() + " s", -1, -1);
        }
    }

    @Override
    public ThroughputSample receive(BenchCase benchCase, int count, String runId) throws Exception {
        return oneWay(benchCase, count, runId, peers.feeders());
    }

    @Override
    public ThroughputSample publish(BenchCase benchCase, int count, String runId) throws Exception {
        return oneWay(benchCase, count, runId, 1);
    }

    private ThroughputSample oneWay(BenchCase benchCase, int count, String runId, int feeders) throws Exception {
        String topic = "bench/" + runId;
        try (MosquittoProcesses processes = peers.processes()) {
            NativeCounter counter = NativeCounter.start(processes, runId + "-sub", benchCase.qos(), topic, count,
                peers.output(runId));
            NativeFeeder feeder = NativeFeeder.start(processes, runId, benchCase.qos(), topic, feeders);
            List<byte[]> shares = feeder.shares(count, benchCase.payloadBytes());
            counter.awaitSubscribed(processes);
            feeder.awaitConnected(processes, runId);
            long start = System.nanoTime();
            feeder.feed(shares);
            String missing = counter.awaitAll(MosquittoProcesses.runLimit(count));
            feeder.awaitFed(Duration.ofSeconds(10));
            NativeCounter.Tally tally = counter.tally();
            if (missing == null && tally.distinct() < count) {
                missing = "mosquitto_sub's " + count + " messages held " + tally.distinct() + " distinct ones";
            }
            return new ThroughputSample(count, tally.distinct(), tally.duplicates(), 0,
                Math.max(0, counter.exitedAt() - start), feeder.failure() != null ? feeder.failure() : missing, -1,
                -1);
        }
    }

    @Override
    public LatencySample latency(BenchCase benchCase, int rate, Duration duration, String runId) throws Exception {
        String topic = "bench/" + runId;
        int count = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        try (MosquittoProcesses processes = peers.processes()) {
            Process subscriber = processes.subscriber(runId + "-sub", benchCase.qos(), topic,
                ProcessBuilder.Redirect.PIPE, "-C", Integer.toString(count), "-F", "%U %p");
            Process publisher = processes.publisher(runId + "-pub", benchCase.qos(), topic);
            LatencyReader reader = new LatencyReader(subscriber, count);
            reader.start();
            processes.awaitSubscribed(runId + "-sub", topic);
            processes.awaitPublisher(runId + "-pub");
            Instant wall = Instant.now();
            long wallBase = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
            long monotonicBase = System.nanoTime();
            long start = monotonicBase + TimeUnit.MILLISECONDS.toNanos(1);
            try (OutputStream input = publisher.getOutputStream()) {
                for (int i = 0; i < count; i++) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    input.write(latencyLine(i, wallBase + (due - monotonicBase), benchCase.payloadBytes()));
                    input.flush();
                }
            }
            subscriber.waitFor(MosquittoProcesses.runLimit(count).toMillis(), TimeUnit.MILLISECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return LatencySample.of(count, reader.sortedLatencies());
        }
    }

    /** "SEQUENCE WALLNANOS " padded to {@code size} bytes, then a newline. */
    static byte[] latencyLine(int sequence, long wallNanos, int size) {
        byte[] head = (sequence + " " + wallNanos + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[Math.max(size, head.length) + 1];
        Arrays.fill(line, (byte) 'x');
        System.arraycopy(head, 0, line, 0, head.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** Reads "RECEIVED_SECONDS.NANOS SEQUENCE SENT_WALLNANOS xxx" lines from mosquitto_sub. */
    private static final class LatencyReader extends Thread {

        private final Process subscriber;
        private final int expected;
        private final BitSet seen;
        private final long[] latencies;
        private int received;

        LatencyReader(Process subscriber, int expected) {
            super("mosquitto_sub-reader");
            setDaemon(true);
            this.subscriber = subscriber;
            this.expected = expected;
            this.seen = new BitSet(expected);
            this.latencies = new long[expected];
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(subscriber.getInputStream(),
                    StandardCharsets.US_ASCII), 1 << 16)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    accept(line);
                }
            } catch (IOException e) {
                // the process was ended
            }
        }

        private synchronized void accept(String line) {
            String[] fields = line.split(" ", 4);
            if (fields.length < 3) {
                return;
            }
            try {
                int dot = fields[0].indexOf('.');
                long receivedAt = Long.parseLong(fields[0].substring(0, dot)) * 1_000_000_000L
                    + Long.parseLong((fields[0].substring(dot + 1) + "000000000").substring(0, 9));
                int sequence = Integer.parseInt(fields[1]);
                long sentAt = Long.parseLong(fields[2]);
                if (sequence < 0 || sequence >= expected || seen.get(sequence)) {
                    return;
                }
                seen.set(sequence);
                latencies[sequence] = receivedAt - sentAt;
                received++;
            } catch (RuntimeException e) {
                // not one of ours
            }
        }

        synchronized long[] sortedLatencies() {
            long[] sorted = new long[received];
            int next = 0;
            for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
                sorted[next++] = latencies[i];
            }
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
