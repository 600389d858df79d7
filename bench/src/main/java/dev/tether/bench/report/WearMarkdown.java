package dev.tether.bench.report;

import java.util.List;
import java.util.Locale;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.Flow;
import dev.tether.bench.measure.ThroughputSample;
import dev.tether.bench.measure.Wear;

/** The bytes written per message by Tether's file-queue rows of the publish part, against the journal record. */
final class WearMarkdown {

    static final String NOT_AVAILABLE = "not available (no readable /proc/self/io)";

    private WearMarkdown() {
    }

    static void render(StringBuilder out, Results results) {
        List<BenchCase> rows = results.flow(Flow.PUBLISH).keySet().stream().filter(BenchCase::fileQueue).toList();
        if (rows.isEmpty()) {
            return;
        }
        out.append("## Wear of the file queue\n\nBytes this JVM wrote per message in the publish runs of Tether's"
            + " file-queue rows, from /proc/self/io read before the first publish and after the publisher was closed"
            + " (so acknowledgements the queue writes in batches are in). *Written*: write_bytes less"
            + " cancelled_write_bytes, what went or will go to the storage layer, counted in pages as they are"
            + " dirtied. *wchar*: bytes passed to write calls, files, pipes and sockets alike, so Tether's packets to"
            + " the broker too. Both count the whole JVM, the harness with Tether; the last column is the same"
            + " publish run with the memory queue. *Record*: the queue file's record of one message, 39 bytes, the"
            + " topic and the payload. Median of the rounds.\n\n"
            + "| case | record (B) | written per message (B) | written / record | wchar per message (B) |"
            + " wchar / record | wchar per message, memory queue (B) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (BenchCase benchCase : rows) {
            List<ThroughputSample> samples = Tables.throughput(results, Flow.PUBLISH, benchCase, Tables.TETHER);
            List<ThroughputSample> memory = Tables.throughput(results, Flow.PUBLISH,
                Tables.comparable(results, Flow.PUBLISH, benchCase), Tables.TETHER);
            out.append("| ").append(benchCase.label()).append(" | ");
            Summary record = Tables.wear(samples, Wear::recordBytes);
            if (record == null) {
                out.append(samples.isEmpty() ? "–" : unavailable(samples) ? NOT_AVAILABLE : "incomplete")
                    .append(" | | | | | |\n");
                continue;
            }
            out.append(String.format(Locale.ROOT, "%.0f", record.median())).append(" | ")
                .append(bytes(Tables.wear(samples, Wear::storagePerMessage))).append(" | ")
                .append(ratio(Tables.wear(samples, Wear::storageRatio))).append(" | ")
                .append(bytes(Tables.wear(samples, Wear::wcharPerMessage))).append(" | ")
                .append(ratio(Tables.wear(samples, Wear::wcharRatio))).append(" | ")
                .append(bytes(Tables.wear(memory, Wear::wcharPerMessage))).append(" |\n");
        }
        out.append('\n');
    }

    /** @return whether every round that has a wear figure could not read /proc/self/io */
    static boolean unavailable(List<ThroughputSample> samples) {
        return samples.stream().anyMatch(sample -> sample.wear() != null)
            && samples.stream().noneMatch(sample -> sample.wear() != null && sample.wear().available());
    }

    private static String bytes(Summary summary) {
        return summary == null ? "–" : String.format(Locale.ROOT, "%,.0f", summary.median());
    }

    private static String ratio(Summary summary) {
        return summary == null ? "–" : String.format(Locale.ROOT, "%.2f×", summary.median());
    }
}
