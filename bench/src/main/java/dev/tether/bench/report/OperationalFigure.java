package dev.tether.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the operational table: a figure per client (measured values, or a text such as "n/a: why").
 *
 * @param key   the JSON key
 * @param label the row heading
 * @param unit  e.g. "ms", "KiB"
 * @param note  how it was measured
 */
public record OperationalFigure(String key, String label, String unit, Map<String, Cell> cells, String note) {

    /** Keys of the figures the goals are read from. */
    public static final String SIZE_ON_DISK = "size-on-disk";
    public static final String HEAP_PER_CONNECTION = "heap-per-idle-connection";
    public static final String HEAP_PER_1000_SUBSCRIPTIONS = "heap-per-1000-subscriptions";
    public static final String THREADS_PER_CONNECTION = "threads-per-connection";
    public static final String THREADS_PER_ADDED_CONNECTION = "threads-per-added-connection";
    public static final String QUEUE_RECOVERY = "queue-recovery-100k";
    public static final String METRICS_CPU_PER_MESSAGE = "metrics-cpu-per-message";

    /** Values of the measured rounds, or a text when there is no number. */
    public record Cell(List<Double> values, String text) {

        public static Cell of(List<Double> values) {
            return new Cell(List.copyOf(values), null);
        }

        public static Cell text(String text) {
            return new Cell(List.of(), text);
        }

        public Summary summary() {
            return Summary.of(values);
        }
    }

    /** Collects the cells of a figure, client by client. */
    public static final class Builder {

        private final String key;
        private final String label;
        private final String unit;
        private final Map<String, Cell> cells = new LinkedHashMap<>();
        private String note = "";

        public Builder(String key, String label, String unit) {
            this.key = key;
            this.label = label;
            this.unit = unit;
        }

        public Builder values(String client, List<Double> values) {
            cells.put(client, Cell.of(values));
            return this;
        }

        public Builder text(String client, String text) {
            cells.put(client, Cell.text(text));
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public OperationalFigure build() {
            return new OperationalFigure(key, label, unit, Map.copyOf(cells), note);
        }
    }
}
