package dev.tether.bench.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import dev.tether.bench.client.BenchClient;
import dev.tether.bench.client.MqttDriver;

/**
 * Measures a Java client library through its {@link MqttDriver}: a fresh publisher and a fresh subscriber per run,
 * on a topic of their own, the subscription proven live by a probe message before the clock starts. In the one-way
 * runs the other end is native ({@link NativePeers}), so the JVM holds only the client measured.
 */
public final class JavaClientContender implements Contender {

    /** A run is given up when nothing new arrived for this long (a lost message would otherwise hang it). */
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(10);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(15);
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MqttDriver driver;
    private final int window;
    private final Predicate<BenchCase> covers;
    private final NativePeers peers;
    private final boolean latency;

    /**
     * @param window most publishes outstanding at once
     * @param covers the cases this client is measured on
     * @param peers  the other end of one-way runs; null when the command line clients cannot be used
     */
    public JavaClientContender(MqttDriver driver, int window, Predicate<BenchCase> covers, NativePeers peers) {
        this(driver, window, covers, peers, true);
    }

    /** @param latency whether the latency part measures this client too */
    public JavaClientContender(MqttDriver driver, int window, Predicate<BenchCase> covers, NativePeers peers,
            boolean latency) {
        this.driver = driver;
        this.window = window;
        this.covers = covers;
        this.peers = peers;
        this.latency = latency;
    }

    @Override
    public boolean inLatency() {
        return latency;
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public String key() {
        return driver.key();
    }

    @Override
    public boolean covers(BenchCase benchCase) {
        return covers.test(benchCase);
    }

    @Override
    public ThroughputSample throughput(BenchCase benchCase, int count, String runId) throws Exception {
        String topic = "bench/" + runId;
        try (BenchClient subscriber = driver.connect(runId + "-sub");
             BenchClient publisher = driver.connect(runId + "-pub")) {
            Receipts receipts = new Receipts(count, false);
            subscribeLive(subscriber, publisher, topic, benchCase.qos(), receipts);
            Window outstanding = new Window(window);
            ProcessCpu.Snapshot cpuStart = ProcessCpu.take();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                outstanding.acquire();
                publish(publisher, topic, Payloads.create(benchCase.payloadBytes(), i, System.nanoTime()),
                    benchCase.qos(), outstanding);
            }
            receipts.awaitAll(IDLE_LIMIT, RUN_LIMIT);
            long end = receipts.finishedAt();
            long cpu = ProcessCpu.since(cpuStart);
            outstanding.awaitIdle(IDLE_LIMIT);
            return new ThroughputSample(count, receipts.distinct(), receipts.duplicates(), outstanding.failures(),
                Math.max(0, end - start), outstanding.firstFailure(), cpu, published(outstanding, start));
        }
    }

    @Override
    public ThroughputSample receive(BenchCase benchCase, int count, String runId) throws Exception {
        String topic = "bench/" + runId;
        try (MosquittoProcesses processes = peers().processes()) {
            // the publishers start first: their connecting overlaps the client's
            NativeFeeder feeder = NativeFeeder.start(processes, runId, benchCase.qos(), topic, peers.feeders());
            List<byte[]> shares = feeder.shares(count, benchCase.payloadBytes());
            try (BenchClient subscriber = driver.connect(runId + "-sub")) {
                Receipts receipts = new Receipts(count, false);
                subscriber.subscribe(topic, benchCase.qos(), receipts).toCompletableFuture()
                    .get(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                feeder.probe(receipts, PROBE_LIMIT);
                ProcessCpu.Snapshot cpuStart = ProcessCpu.take();
                long start = System.nanoTime();
                feeder.feed(shares);
                receipts.awaitAll(IDLE_LIMIT, RUN_LIMIT);
                long end = receipts.finishedAt();
                // the subscriber has every line, so the feeding threads are done: their time is the harness's
                long cpu = ProcessCpu.since(cpuStart, NativeFeeder.THREAD_NAME, feeder.awaitFed(IDLE_LIMIT));
                String error = feeder.failure() != null ? feeder.failure() : receipts.distinct() < count
                    ? "nothing new arrived for " + IDLE_LIMIT.toSeconds() + " s" : null;
                return new ThroughputSample(count, receipts.distinct(), receipts.duplicates(), 0,
                    Math.max(0, end - start), error, cpu, -1);
            }
        }
    }

    @Override
    public ThroughputSample publish(BenchCase benchCase, int count, String runId) throws Exception {
        String topic = "bench/" + runId;
        int recordBytes = Wear.RECORD_OVERHEAD + topic.getBytes(StandardCharsets.UTF_8).length
            + benchCase.payloadBytes();
        try (MosquittoProcesses processes = peers().processes()) {
            // the subscriber starts first: its connecting overlaps the client's
            NativeCounter counter = NativeCounter.start(processes, runId + "-sub", benchCase.qos(), topic, count,
                peers.output(runId));
            ThroughputSample sample;
            IoCounters.Snapshot ioStart;
            try (BenchClient publisher = driver.connect(runId + "-pub")) {
                counter.awaitSubscribed(processes);
                ioStart = IoCounters.take();
                sample = publishAll(publisher, topic, benchCase, count, counter);
            }
            // read once the publisher is closed: acknowledgements a journal batches are written by then
            Wear wear = IoCounters.since(ioStart, count, recordBytes);
            return new ThroughputSample(sample.expected(), sample.received(), sample.duplicates(), sample.failed(),
                sample.elapsedNanos(), sample.error(), sample.cpuNanos(), sample.publishedNanos(), sample.calls(),
                wear);
        }
    }

    /** The publish part's measured run: as fast as the client takes them, each call timed. */
    private ThroughputSample publishAll(BenchClient publisher, String topic, BenchCase benchCase, int count,
            NativeCounter counter) throws Exception {
        Window outstanding = new Window(window);
        CallTimer calls = new CallTimer(count);
        ProcessCpu.Snapshot cpuStart = ProcessCpu.take();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            outstanding.acquire();
            byte[] payload = Payloads.text(benchCase.payloadBytes(), i);
            long called = System.nanoTime();
            publish(publisher, topic, payload, benchCase.qos(), outstanding);
            calls.add(System.nanoTime() - called);
        }
        String missing = counter.awaitAll(MosquittoProcesses.runLimit(count));
        outstanding.awaitIdle(IDLE_LIMIT);
        long cpu = ProcessCpu.since(cpuStart);
        NativeCounter.Tally tally = counter.tally();
        if (missing == null && tally.distinct() < count) {
            missing = "mosquitto_sub's " + count + " messages held " + tally.distinct() + " distinct ones";
        }
        return new ThroughputSample(count, tally.distinct(), tally.duplicates(), outstanding.failures(),
            Math.max(0, counter.exitedAt() - start),
            outstanding.firstFailure() != null ? outstanding.firstFailure() : missing, cpu,
            published(outstanding, start), calls.times(), null);
    }

    private NativePeers peers() {
        if (peers == null) {
            throw new IllegalStateException("one-way runs need mosquitto_pub/mosquitto_sub and the Mosquitto broker");
        }
        return peers;
    }

    /** @return first publish until the last completion, -1 if not all completed */
    private static long published(Window outstanding, long start) throws InterruptedException {
        return outstanding.awaitIdle(Duration.ZERO) && outstanding.lastCompletedAt() != 0
            ? outstanding.lastCompletedAt() - start : -1;
    }

    @Override
    public LatencySample latency(BenchCase benchCase, int rate, Duration duration, String runId) throws Exception {
        String topic = "bench/" + runId;
        int count = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        try (BenchClient subscriber = driver.connect(runId + "-sub");
             BenchClient publisher = driver.connect(runId + "-pub")) {
            Receipts receipts = new Receipts(count, true);
            subscribeLive(subscriber, publisher, topic, benchCase.qos(), receipts);
            Window outstanding = new Window(window);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
            for (int i = 0; i < count; i++) {
                // stamped with the scheduled time, not the actual one: a client that stalls the sender is charged
                // for the wait (no coordinated omission)
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                outstanding.acquire();
                publish(publisher, topic, Payloads.create(benchCase.payloadBytes(), i, due), benchCase.qos(),
                    outstanding);
            }
            receipts.awaitAll(IDLE_LIMIT, RUN_LIMIT);
            outstanding.awaitIdle(IDLE_LIMIT);
            return LatencySample.of(count, receipts.sortedLatencies());
        }
    }

    private static void publish(BenchClient publisher, String topic, byte[] payload, int qos, Window outstanding) {
        try {
            publisher.publish(topic, payload, qos).whenComplete(outstanding::completed);
        } catch (RuntimeException e) {
            outstanding.completed(null, e);
        }
    }

    /** Subscribes, then publishes probes until one arrives: only then is the subscription surely in place. */
    static void subscribeLive(BenchClient subscriber, BenchClient publisher, String topic, int qos,
            Receipts receipts) throws Exception {
        subscriber.subscribe(topic, qos, receipts).toCompletableFuture().get(PROBE_LIMIT.toMillis(),
            TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + PROBE_LIMIT.toNanos();
        while (!receipts.probed()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no probe message arrived on " + topic + " within "
                    + PROBE_LIMIT.toSeconds() + " s: the subscription is not live");
            }
            try {
                publisher.publish(topic, Payloads.create(Payloads.HEADER_BYTES, Payloads.PROBE, 0), 0);
            } catch (RuntimeException e) {
                // the next probe may do
            }
            LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
        }
    }
}
