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
 * {@code connections} connected clients (threads also halfway, to tell per-connection threads from shared ones);
 * and the heap retained by 1,000 subscriptions (distinct filters, listener doing nothing) on one connection.
 * Tether's figures include what its DS component, ConfigAdmin and the whiteboard keep per connection, since that is
 * what a gateway pays.
 */
public final class FootprintProbe {

    private static final int KINDS_SHOWN = 6;

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
        int half = Math.max(1, connections / 2);
        OperationalFigure.Builder heap = new OperationalFigure.Builder(OperationalFigure.HEAP_PER_CONNECTION,
            "heap retained per idle connection", "KiB")
            .note(connections + " connected idle clients; retained heap after full GC, before minus after, per client");
        OperationalFigure.Builder threads = new OperationalFigure.Builder(OperationalFigure.THREADS_PER_CONNECTION,
            "threads per connection", "threads")
            .note("live JVM threads (daemon or not) with " + connections + " idle clients open, minus before, per"
                + " client; 'before' is after one client was opened and closed, so shared threads that outlive it"
                + " are not counted, shared threads started by a later connection are");
        OperationalFigure.Builder added = new OperationalFigure.Builder(OperationalFigure.THREADS_PER_ADDED_CONNECTION,
            "threads per added connection", "threads")
            .note("live threads with " + connections + " idle clients minus with " + half + ", per client: what one"
                + " more connection costs once the shared threads run (the goal's \"1 plus the shared ones\")");
        OperationalFigure.Builder live = new OperationalFigure.Builder("live-threads",
            "live threads: before → " + half + " → " + connections + " idle clients", "threads");
        OperationalFigure.Builder subs = new OperationalFigure.Builder(OperationalFigure.HEAP_PER_1000_SUBSCRIPTIONS,
            "heap retained per 1,000 subscriptions", "KiB")
            .note(subscriptions + " distinct filters on one connection, each acknowledged, a no-op listener;"
                + " per 1,000");
        List<String> kinds = new ArrayList<>();
        for (MqttDriver driver : drivers) {
            List<Double> heapValues = new ArrayList<>();
            List<Double> threadValues = new ArrayList<>();
            List<Double> addedValues = new ArrayList<>();
            List<String> counts = new ArrayList<>();
            List<Double> subValues = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Idle idle = idleConnections(driver, round, half);
                heapValues.add(idle.heapKib());
                threadValues.add((idle.all().total() - idle.before().total()) / (double) connections);
                if (connections > half) {
                    addedValues.add((idle.all().total() - idle.half().total()) / (double) (connections - half));
                }
                counts.add(idle.before().total() + " → " + idle.half().total() + " → " + idle.all().total());
                if (round == rounds - 1) {
                    kinds.add(driver.name() + ": " + idle.all().grownSince(idle.before(), KINDS_SHOWN));
                }
                subValues.add(subscriptionHeap(driver, round));
            }
            heap.values(driver.key(), heapValues);
            threads.values(driver.key(), threadValues);
            added.values(driver.key(), addedValues);
            live.text(driver.key(), String.join("; ", counts));
            subs.values(driver.key(), subValues);
        }
        live.note("live JVM threads, one entry per round; kinds of thread added with " + connections
            + " clients, digits shown as #: " + String.join("; ", kinds));
        return List.of(heap.build(), threads.build(), added.build(), live.build(), subs.build());
    }

    /** Threads before, with half the connections and with all; heap per connection with all. */
    private record Idle(ThreadCensus before, ThreadCensus half, ThreadCensus all, double heapKib) {
    }

    private Idle idleConnections(MqttDriver driver, int round, int half) throws Exception {
        List<BenchClient> open = new ArrayList<>();
        try {
            // one connection made and closed first: classes loaded and caches filled are not charged to the others
            driver.connect("fp-" + driver.key() + "-" + round + "-warm").close();
            long heapBefore = Heap.retainedBytes();
            ThreadCensus before = ThreadCensus.take();
            ThreadCensus halfway = before;
            for (int i = 0; i < connections; i++) {
                open.add(driver.connect("fp-" + driver.key() + "-" + round + "-" + i));
                if (i == half - 1) {
                    Thread.sleep(settleMillis);
                    halfway = ThreadCensus.take();
                }
            }
            Thread.sleep(settleMillis);
            long heapAfter = Heap.retainedBytes();
            return new Idle(before, halfway, ThreadCensus.take(), (heapAfter - heapBefore) / 1024.0 / connections);
        } finally {
            open.forEach(BenchClient::close);
            Thread.sleep(settleMillis);
        }
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
