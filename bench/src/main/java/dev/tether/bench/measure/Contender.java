package dev.tether.bench.measure;

import java.time.Duration;

/** One column of the tables: a client (or a pair of processes) that can be measured on every case. */
public interface Contender {

    /** @return the column heading */
    String name();

    /** @return the key in the JSON results */
    String key();

    /** @return whether this contender has a figure for the case (the file-queue rows are Tether's alone) */
    boolean covers(BenchCase benchCase);

    /** @return whether this contender is measured in the latency part too (the MQTT 5 columns are not) */
    default boolean inLatency() {
        return true;
    }

    /** Publishes {@code count} messages as fast as the client takes them, one publisher, one subscriber. */
    ThroughputSample throughput(BenchCase benchCase, int count, String runId) throws Exception;

    /** One subscriber of this client fed {@code count} messages by native publishers (see {@link NativePeers}). */
    ThroughputSample receive(BenchCase benchCase, int count, String runId) throws Exception;

    /** One publisher of this client sends {@code count} messages as fast as it takes them to a native subscriber. */
    ThroughputSample publish(BenchCase benchCase, int count, String runId) throws Exception;

    /** Publishes at {@code rate} messages per second for {@code duration}, and measures each message's latency. */
    LatencySample latency(BenchCase benchCase, int rate, Duration duration, String runId) throws Exception;
}
