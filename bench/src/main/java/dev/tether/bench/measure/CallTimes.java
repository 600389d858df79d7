package dev.tether.bench.measure;

/** How long one {@code publish()} call kept its caller, over one run: percentiles in microseconds. */
public record CallTimes(double p50Micros, double p99Micros, double p999Micros, double maxMicros) {
}
