package nl.spuk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples in milliseconds (or any unit) and their order statistics. */
final class Stats {
    private final List<Double> values = new ArrayList<>();

    synchronized void add(double value) {
        values.add(value);
    }

    synchronized void addAll(Stats other) {
        values.addAll(other.snapshot());
    }

    synchronized List<Double> snapshot() {
        return new ArrayList<>(values);
    }

    int count() {
        return snapshot().size();
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile; NaN without samples. */
    double percentile(double p) {
        List<Double> sorted = snapshot();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double min() {
        return snapshot().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return snapshot().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
