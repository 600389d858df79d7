package dev.tether.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * The native subscriber that counts what a publisher delivers: {@code mosquitto_sub -C N}, which exits after N
 * messages. It prints each payload (a text payload: the sequence number first) into a file that is read only after
 * the run, so duplicates and gaps are counted without the JVM doing anything while it is measured.
 */
final class NativeCounter {

    private final Process subscriber;
    private final String clientId;
    private final String topic;
    private final int expected;
    private final Path output;
    private long exitedAt;

    private NativeCounter(Process subscriber, String clientId, String topic, int expected, Path output) {
        this.subscriber = subscriber;
        this.clientId = clientId;
        this.topic = topic;
        this.expected = expected;
        this.output = output;
    }

    /** Starts mosquitto_sub; it is subscribed once {@link #awaitSubscribed} returns. */
    static NativeCounter start(MosquittoProcesses processes, String clientId, int qos, String topic, int expected,
            Path output) throws IOException {
        Process subscriber = processes.subscriber(clientId, qos, topic, ProcessBuilder.Redirect.to(output.toFile()),
            "-C", Integer.toString(expected));
        return new NativeCounter(subscriber, clientId, topic, expected, output);
    }

    void awaitSubscribed(MosquittoProcesses processes) throws IOException {
        processes.awaitSubscribed(clientId, topic);
    }

    /**
     * Waits until mosquitto_sub exited, having had N messages.
     *
     * @return why it did not, null if it did
     */
    String awaitAll(Duration limit) throws InterruptedException {
        boolean exited = subscriber.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        exitedAt = System.nanoTime();
        if (!exited) {
            return "mosquitto_sub had not received all messages after " + limit.toSeconds() + " s";
        }
        return subscriber.exitValue() == 0 ? null : "mosquitto_sub exited with status " + subscriber.exitValue();
    }

    /** @return nanoTime when mosquitto_sub was seen to exit (or was given up on) */
    long exitedAt() {
        return exitedAt;
    }

    /** What mosquitto_sub printed: distinct sequence numbers, and the lines that repeated one. */
    record Tally(int distinct, int duplicates) {
    }

    /** Reads the output, then deletes it. */
    Tally tally() throws IOException {
        try (InputStream in = Files.newInputStream(output)) {
            return tally(in, expected);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Counts the lines that start with a sequence number below {@code expected}; only that number is read. */
    static Tally tally(InputStream in, int expected) throws IOException {
        BitSet seen = new BitSet(expected);
        int duplicates = 0;
        byte[] buffer = new byte[1 << 16];
        boolean lineStart = true;
        boolean inNumber = false;
        long number = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if ((lineStart || inNumber) && b >= '0' && b <= '9') {
                    number = number * 10 + b - '0';
                    inNumber = true;
                } else if (inNumber) {
                    if (number < expected && seen.get((int) number)) {
                        duplicates++;
                    } else if (number < expected) {
                        seen.set((int) number);
                    }
                    inNumber = false;
                }
                lineStart = b == '\n';
                if (lineStart) {
                    number = 0;
                }
            }
        }
        return new Tally(seen.cardinality(), duplicates);
    }
}
