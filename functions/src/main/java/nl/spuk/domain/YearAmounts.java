package nl.spuk.domain;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Euro cents keyed by year, e.g. a budget or an award. Immutable; zero for an absent year. */
public final class YearAmounts {
    public static final YearAmounts EMPTY = new YearAmounts(new TreeMap<>());

    private final SortedMap<Integer, Long> cents;

    private YearAmounts(SortedMap<Integer, Long> cents) {
        this.cents = Collections.unmodifiableSortedMap(cents);
    }

    public static YearAmounts of(Map<Integer, Long> amounts) {
        return new YearAmounts(new TreeMap<>(amounts));
    }

    public long get(int year) {
        return cents.getOrDefault(year, 0L);
    }

    public long total() {
        long sum = 0;
        for (long c : cents.values()) {
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    public YearAmounts plus(YearAmounts other) {
        TreeMap<Integer, Long> sum = new TreeMap<>(cents);
        other.cents.forEach((year, c) -> sum.merge(year, c, Math::addExact));
        return new YearAmounts(sum);
    }

    public YearAmounts with(int year, long amount) {
        TreeMap<Integer, Long> copy = new TreeMap<>(cents);
        copy.put(year, amount);
        return new YearAmounts(copy);
    }

    public SortedMap<Integer, Long> asMap() {
        return cents;
    }

    public boolean isEmpty() {
        return cents.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YearAmounts other && cents.equals(other.cents);
    }

    @Override
    public int hashCode() {
        return cents.hashCode();
    }

    @Override
    public String toString() {
        return cents.toString();
    }
}
