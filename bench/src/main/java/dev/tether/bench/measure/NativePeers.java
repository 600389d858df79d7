package dev.tether.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tether.bench.broker.Broker;

/**
 * The Mosquitto command line clients as the other end of a one-way run: {@code mosquitto_pub} feeding a subscriber
 * under test, {@code mosquitto_sub} counting what a publisher under test delivers. Being native processes, their CPU
 * time is not the JVM's, so the JVM's figure is the client's (and the harness's) alone.
 *
 * @param inflight QoS 1/2 window of each mosquitto_pub, the bound the Java clients have
 * @param feeders  mosquitto_pub processes feeding one subscriber, each with its share of the messages
 * @param workDir  where mosquitto_sub's output goes, read after each run
 */
public record NativePeers(Broker broker, int inflight, int feeders, Path workDir) {

    /** @return whether the command line clients are installed */
    public static boolean installed() {
        return MosquittoProcesses.installed();
    }

    /** @return e.g. "mosquitto_pub version 2.0.11 running on libmosquitto 2.0.11." */
    public static String version() {
        return MosquittoProcesses.version();
    }

    MosquittoProcesses processes() {
        return new MosquittoProcesses(broker, inflight);
    }

    /** @return a fresh file for the subscriber's output of this run */
    Path output(String runId) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve(runId + "-sub.txt");
        Files.deleteIfExists(file);
        return file;
    }
}
