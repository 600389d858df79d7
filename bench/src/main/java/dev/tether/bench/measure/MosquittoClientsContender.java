package dev.tether.bench.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tether.bench.broker.Broker;

/**
 * The native limit: {@code mosquitto_sub} and {@code mosquitto_pub} processes (libmosquitto, C).
 *
 * <p>Throughput: {@code mosquitto_sub -C N} (exits after N messages, output to /dev/null) is started and is live once
 * the broker logs its subscription; {@code mosquitto_pub -l} (one message per line of standard input) is started and
 * connected the same way; then the clock starts, the harness writes all N lines (payload-sized, a sequence number
 * and padding) into its standard input as fast as it reads them, and stops when {@code mosquitto_sub} exits. Process
 * start-up and connecting are thus outside the measured time, as they are for the Java clients.
 *
 * <p>Latency: the harness writes each line at its scheduled time, carrying that time (wall clock, nanoseconds);
 * {@code mosquitto_sub -F '%U %p'} prints its own receive time before each payload. The figure includes the hop
 * through the publisher's standard input pipe (tens of microseconds), which the Java clients do not have.
 */
public final class MosquittoClientsContender implements Contender {

    private static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
    private static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
    private static final Duration READY_LIMIT = Duration.ofSeconds(10);
    private static final long PUBLISHER_POLL_MILLIS = 250;

    private final Broker broker;

    public MosquittoClientsContender(Broker broker) {
        this.broker = broker;
    }

    public static boolean installed() {
        return Files.isExecutable(PUB) && Files.isExecutable(SUB);
    }

    /** @return e.g. "mosquitto_pub version 2.0.11 running on libmosquitto 2.0.11." */
    public static String version() {
        try {
            Process help = new ProcessBuilder(PUB.toString(), "--help").redirectErrorStream(true).start();
            String line = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(text -> text.contains(" version ")).findFirst().orElse("mosquitto_pub");
            help.waitFor(5, TimeUnit.SECONDS);
            return line.trim();
        } catch (IOException e) {
            return "mosquitto_pub";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto_pub";
        }
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
        byte[] lines = throughputLines(count, benchCase.payloadBytes());
        List<Process> started = new ArrayList<>();
        try {
            long mark = broker.logMark();
            Process subscriber = start(started, command(SUB, runId + "-sub", benchCase.qos(), topic,
                "-C", Integer.toString(count)), ProcessBuilder.Redirect.DISCARD);
            Process publisher = start(started, command(PUB, runId + "-pub", benchCase.qos(), topic, "-l"),
                ProcessBuilder.Redirect.DISCARD);
            awaitReady(mark, runId + "-sub", topic);
            awaitPublisher(mark, runId + "-pub");
            long start = System.nanoTime();
            try (OutputStream input = publisher.getOutputStream()) {
                input.write(lines);
            }
            boolean exited = subscriber.waitFor(runLimit(count).toMillis(), TimeUnit.MILLISECONDS);
            long end = System.nanoTime();
            publisher.waitFor(10, TimeUnit.SECONDS);
            boolean complete = exited && subscriber.exitValue() == 0;
            // mosquitto_sub does not say how many it got short of N; 0 marks the run incomplete
            return new ThroughputSample(count, complete ? count : 0, 0, 0, end - start, complete ? null
                : exited ? "mosquitto_sub exited with status " + subscriber.exitValue()
                : "mosquitto_sub had not received all messages after " + runLimit(count).toSeconds() + " s", -1);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    @Override
    public LatencySample latency(BenchCase benchCase, int rate, Duration duration, String runId) throws Exception {
        String topic = "bench/" + runId;
        int count = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        List<Process> started = new ArrayList<>();
        try {
            long mark = broker.logMark();
            Process subscriber = start(started, command(SUB, runId + "-sub", benchCase.qos(), topic,
                "-C", Integer.toString(count), "-F", "%U %p"), ProcessBuilder.Redirect.PIPE);
            Process publisher = start(started, command(PUB, runId + "-pub", benchCase.qos(), topic, "-l"),
                ProcessBuilder.Redirect.DISCARD);
            LatencyReader reader = new LatencyReader(subscriber, count);
            reader.start();
            awaitReady(mark, runId + "-sub", topic);
            awaitPublisher(mark, runId + "-pub");
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
            subscriber.waitFor(runLimit(count).toMillis(), TimeUnit.MILLISECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return LatencySample.of(count, reader.sortedLatencies());
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    private List<String> command(Path executable, String clientId, int qos, String topic, String... more) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-h", broker.host(),
            "-p", Integer.toString(broker.port()), "-V", "mqttv311", "-i", clientId, "-q", Integer.toString(qos),
            "-t", topic));
        command.addAll(Arrays.asList(more));
        return command;
    }

    private static Process start(List<Process> started, List<String> command, ProcessBuilder.Redirect output)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(output)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private void awaitReady(long mark, String clientId, String topic) throws IOException {
        if (!broker.awaitLogged(mark, clientId, topic, READY_LIMIT)) {
            throw new IOException(clientId + " did not " + (topic == null ? "connect" : "subscribe to " + topic)
                + " within " + READY_LIMIT.toSeconds() + " s");
        }
    }

    /**
     * mosquitto_pub -l checks every 100 ms whether its CONNACK came, and only then reads standard input: after the
     * broker logged the connection, give it that long, or its first lines wait up to 100 ms.
     */
    private void awaitPublisher(long mark, String clientId) throws IOException, InterruptedException {
        awaitReady(mark, clientId, null);
        Thread.sleep(PUBLISHER_POLL_MILLIS);
    }

    private static Duration runLimit(int count) {
        return Duration.ofSeconds(Math.max(30, count / 1000));
    }

    /** N lines of exactly {@code size} bytes before the newline: a sequence number, then padding. */
    static byte[] throughputLines(int count, int size) {
        byte[] all = new byte[count * (size + 1)];
        Arrays.fill(all, (byte) 'x');
        for (int i = 0; i < count; i++) {
            int offset = i * (size + 1);
            byte[] number = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(number, 0, all, offset, Math.min(number.length, size));
            all[offset + size] = '\n';
        }
        return all;
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
