package dev.tether.bench.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tether.bench.client.BenchClient;
import dev.tether.bench.client.MqttDriver;
import dev.tether.bench.report.OperationalFigure;

/**
 * What a connection costs while idle: heap retained and threads, from the difference before and after opening
 * {@code connections} connected clients; and the heap retained by 1,000 subscriptions (distinct filters, listener
 * doing nothing) on one connection. Tether's figures include what its DS component, ConfigAdmin and the whiteboard
 * keep per connection, since that is what a gateway pays.
 */
public final class FootprintProbe {

    private final List<MqttDriver> drivers;
    private final int connections;
    private final int subscriptions;
    private final int rounds;
    private final long settleMillis;

    /** @param settleMillis how long to let new connections settle (lazily started threads) before measuring */
    public FootprintProbe(List<MqttDriver> drivers, int connections, int subscriptions, int rounds,
            long settleMillis) {
        this.drivers = drivers;
        this.settleMillis = settleMillis;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.rounds = rounds;
    }

    public List<OperationalFigure> measure() throws Exception {
        OperationalFigure.Builder heap = new OperationalFigure.Builder("heap-per-idle-connection",
            "heap retained per idle connection", "KiB")
            .note(connections + " connected idle clients; retained heap after full GC, before minus after, per client");
        OperationalFigure.Builder threads = new OperationalFigure.Builder("threads-per-connection",
            "threads per connection", "threads")
            .note("live JVM threads with " + connections + " idle clients open, minus before, per client");
        OperationalFigure.Builder subs = new OperationalFigure.Builder("heap-per-1000-subscriptions",
            "heap retained per 1,000 subscriptions", "KiB")
            .note(subscriptions + " distinct filters on one connection, each acknowledged, a no-op listener;"
                + " per 1,000");
        for (MqttDriver driver : drivers) {
            List<Double> heapValues = new ArrayList<>();
            List<Double> threadValues = new ArrayList<>();
            List<Double> subValues = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                idleConnections(driver, round, heapValues, threadValues);
                subValues.add(subscriptionHeap(driver, round));
            }
            heap.values(column(driver), heapValues);
            threads.values(column(driver), threadValues);
            subs.values(column(driver), subValues);
        }
        return List.of(heap.build(), threads.build(), subs.build());
    }

    private static String column(MqttDriver driver) {
        return driver.key();
    }

    private void idleConnections(MqttDriver driver, int round, List<Double> heap, List<Double> threads)
            throws Exception {
        List<BenchClient> open = new ArrayList<>();
        try {
            // one connection made and closed first: classes loaded and caches filled are not charged to the others
            driver.connect("fp-" + driver.key() + "-" + round + "-warm").close();
            long heapBefore = Heap.retainedBytes();
            int threadsBefore = Heap.threads();
            for (int i = 0; i < connections; i++) {
                open.add(driver.connect("fp-" + driver.key() + "-" + round + "-" + i));
            }
            Thread.sleep(settleMillis);
            long heapAfter = Heap.retainedBytes();
            int threadsAfter = Heap.threads();
            heap.add((heapAfter - heapBefore) / 1024.0 / connections);
            threads.add((threadsAfter - threadsBefore) / (double) connections);
        } finally {
            open.forEach(BenchClient::close);
        }
        Thread.sleep(settleMillis);
    }

    private double subscriptionHeap(MqttDriver driver, int round) throws Exception {
        try (BenchClient client = driver.connect("fp-" + driver.key() + "-" + round + "-subs")) {
            long before = Heap.retainedBytes();
            List<CompletableFuture<?>> acknowledged = new ArrayList<>();
            for (int i = 0; i < subscriptions; i++) {
                acknowledged.add(client.subscribeIdle("bench/footprint/" + round + "/" + i, 1).toCompletableFuture());
            }
            CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long after = Heap.retainedBytes();
            return (after - before) / 1024.0 * 1000 / subscriptions;
        }
    }
}
