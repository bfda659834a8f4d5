package nl.spuk.application.port;

import java.util.Objects;
import java.util.TreeMap;
import nl.spuk.domain.YearAmounts;

/**
 * A municipality's allocations and what approved awards committed of them, per year, as one read of the store
 * answered them together: the ceiling an award is checked against.
 *
 * @param allocated the allocation per year; years without one are absent
 * @param committed what approved awards took of each year's allocation; years nothing was committed for are absent
 */
public record AllocationState(YearAmounts allocated, YearAmounts committed) {
    /** A municipality without any allocation. */
    public static final AllocationState NONE = new AllocationState(YearAmounts.EMPTY, YearAmounts.EMPTY);

    public AllocationState {
        Objects.requireNonNull(allocated, "allocated");
        Objects.requireNonNull(committed, "committed");
    }

    /** What is left of the year's allocation for awards: allocated minus committed (zero without an allocation). */
    public long left(int year) {
        return allocated.get(year) - committed.get(year);
    }

    /** {@link #left} for every year with an allocation or a commitment. */
    public YearAmounts headroom() {
        TreeMap<Integer, Long> left = new TreeMap<>();
        allocated.asMap().keySet().forEach(year -> left.put(year, left(year)));
        committed.asMap().keySet().forEach(year -> left.put(year, left(year)));
        return YearAmounts.of(left);
    }
}
