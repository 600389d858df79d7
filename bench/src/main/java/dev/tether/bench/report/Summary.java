package dev.tether.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median and spread (min–max) of the measured rounds of one figure.
 *
 * @param rounds how many values went in
 */
public record Summary(double median, double min, double max, int rounds) {

    /** @return null when there are no values */
    public static Summary of(List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double value : values) {
            if (value != null && !value.isNaN()) {
                sorted.add(value);
            }
        }
        if (sorted.isEmpty()) {
            return null;
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
    }
}
