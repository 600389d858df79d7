package dev.tether.bench.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's live threads (daemon or not) by kind: the name with its digits folded into '#', so that
 * "MQTT Rec: fp-paho-0-3" and "MQTT Rec: fp-paho-0-4" are one kind, and a reader sees which threads a client starts
 * per connection and which it shares.
 */
final class ThreadCensus {

    private final int total;
    private final Map<String, Integer> byKind;

    private ThreadCensus(int total, Map<String, Integer> byKind) {
        this.total = total;
        this.byKind = byKind;
    }

    static ThreadCensus take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Integer> byKind = new TreeMap<>();
        int total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            // null: ended between the two calls
            if (info != null) {
                byKind.merge(info.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
                total++;
            }
        }
        return new ThreadCensus(total, byKind);
    }

    int total() {
        return total;
    }

    /** @return the kinds there are more of than {@code before}, most first, e.g. "MQTT Rec: fp-paho-#-# +20" */
    String grownSince(ThreadCensus before, int limit) {
        List<Map.Entry<String, Integer>> grown = new ArrayList<>();
        byKind.forEach((kind, count) -> {
            int added = count - before.byKind.getOrDefault(kind, 0);
            if (added > 0) {
                grown.add(Map.entry(kind, added));
            }
        });
        grown.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Integer> kind : grown.subList(0, Math.min(limit, grown.size()))) {
            shown.add("\"" + kind.getKey() + "\" +" + kind.getValue());
        }
        if (grown.size() > limit) {
            shown.add((grown.size() - limit) + " more kinds");
        }
        return shown.isEmpty() ? "none" : String.join(", ", shown);
    }
}
