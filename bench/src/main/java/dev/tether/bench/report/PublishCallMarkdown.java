package dev.tether.bench.report;

import java.util.List;
import java.util.Locale;

import dev.tether.bench.measure.BenchCase;
import dev.tether.bench.measure.CallTimes;
import dev.tether.bench.measure.Flow;

/** The publish part's table of how long one {@code publish()} call kept the publisher. */
final class PublishCallMarkdown {

    private PublishCallMarkdown() {
    }

    static void render(StringBuilder out, Results results) {
        List<Results.Column> measured = results.columns().stream()
            .filter(column -> !column.key().equals(Tables.NATIVE)).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("Time one `publish()` call kept the publisher (µs, p50 / p99, median of the rounds; the caller's"
            + " wait until the call returned, not until the message was acknowledged; with the file queue it"
            + " includes the write to the queue file, and with queue_sync=always the fsync):\n\n| case |");
        measured.forEach(column -> out.append(' ').append(column.name()).append(" |"));
        out.append("\n|---|");
        measured.forEach(column -> out.append("---:|"));
        out.append('\n');
        for (BenchCase benchCase : results.flow(Flow.PUBLISH).keySet()) {
            out.append("| ").append(benchCase.label()).append(" |");
            for (Results.Column column : measured) {
                var samples = Tables.throughput(results, Flow.PUBLISH, benchCase, column.key());
                Summary p50 = Tables.callTimes(samples, CallTimes::p50Micros);
                Summary p99 = Tables.callTimes(samples, CallTimes::p99Micros);
                out.append(' ').append(p50 == null || p99 == null ? "–"
                    : String.format(Locale.ROOT, "%s / %s", micros(p50.median()), micros(p99.median()))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** @return one decimal below 100 µs, none above */
    static String micros(double value) {
        return String.format(Locale.ROOT, value < 100 ? "%.1f" : "%,.0f", value);
    }
}
