package dev.tether.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tether.bench.broker.Broker;

/**
 * The {@code mosquitto_pub} and {@code mosquitto_sub} processes of one run, started against the benchmark's broker
 * (MQTT 3.1.1, clean session) and known ready from the broker's log; all ended when the run closes it.
 */
final class MosquittoProcesses implements AutoCloseable {

    static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
    static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
    private static final Duration READY_LIMIT = Duration.ofSeconds(10);
    private static final long PUBLISHER_POLL_MILLIS = 250;

    private final Broker broker;
    private final int inflight;
    private final long mark;
    private final List<Process> started = new ArrayList<>();

    /** @param inflight mosquitto_pub's QoS 1/2 window ({@code -M}; libmosquitto's default is 20) */
    MosquittoProcesses(Broker broker, int inflight) {
        this.broker = broker;
        this.inflight = inflight;
        this.mark = broker.logMark();
    }

    static boolean installed() {
        return Files.isExecutable(PUB) && Files.isExecutable(SUB);
    }

    /** @return e.g. "mosquitto_pub version 2.0.11 running on libmosquitto 2.0.11." */
    static String version() {
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

    /** Starts {@code mosquitto_pub -l}: one message per line written to its standard input. */
    Process publisher(String clientId, int qos, String topic) throws IOException {
        return start(command(PUB, clientId, qos, topic, "-l", "-M", Integer.toString(inflight)),
            ProcessBuilder.Redirect.DISCARD);
    }

    /** Starts {@code mosquitto_sub}, which prints each payload (or {@code more}'s format) and a newline. */
    Process subscriber(String clientId, int qos, String topic, ProcessBuilder.Redirect output, String... more)
            throws IOException {
        return start(command(SUB, clientId, qos, topic, more), output);
    }

    private List<String> command(Path executable, String clientId, int qos, String topic, String... more) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-h", broker.host(),
            "-p", Integer.toString(broker.port()), "-V", "mqttv311", "-i", clientId, "-q", Integer.toString(qos),
            "-t", topic));
        command.addAll(Arrays.asList(more));
        return command;
    }

    private Process start(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(output)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    /** Waits until the broker logged this client's subscription to the topic. */
    void awaitSubscribed(String clientId, String topic) throws IOException {
        if (!broker.awaitLogged(mark, clientId, topic, READY_LIMIT)) {
            throw new IOException(clientId + " did not subscribe to " + topic + " within " + READY_LIMIT.toSeconds()
                + " s");
        }
    }

    /**
     * Waits until the broker logged this publisher's connection, and then a little: mosquitto_pub -l checks every
     * 100 ms whether its CONNACK came, and only then reads standard input, so its first lines would wait that long.
     */
    void awaitPublisher(String clientId) throws IOException, InterruptedException {
        if (!broker.awaitLogged(mark, clientId, null, READY_LIMIT)) {
            throw new IOException(clientId + " did not connect within " + READY_LIMIT.toSeconds() + " s");
        }
        Thread.sleep(PUBLISHER_POLL_MILLIS);
    }

    /** @return how long a run of {@code count} messages may take before it is given up */
    static Duration runLimit(int count) {
        return Duration.ofSeconds(Math.max(30, count / 1000));
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
