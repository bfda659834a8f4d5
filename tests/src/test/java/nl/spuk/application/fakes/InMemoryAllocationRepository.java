package nl.spuk.application.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;

/**
 * {@link AllocationRepository} in memory, with the semantics of {@code DynamoDbAllocationRepository}: setting an
 * allocation keeps what awards committed of it, and is refused for a row that would fall below that (a set of several
 * rows is checked as a whole first); commitments are taken by {@link InMemoryApplicationRepository#apply}.
 */
public final class InMemoryAllocationRepository implements AllocationRepository {
    private final InMemoryTable table;

    public InMemoryAllocationRepository() {
        this(new InMemoryTable());
    }

    public InMemoryAllocationRepository(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public AllocationState stateOf(MunicipalityCode municipality) {
        Map<Integer, Long> allocated = new TreeMap<>();
        Map<Integer, Long> committed = new TreeMap<>();
        synchronized (table.lock) {
            String prefix = municipality.value() + "#";
            table.allocations.forEach((key, row) -> {
                if (key.startsWith(prefix)) {
                    int year = Integer.parseInt(key.substring(prefix.length()));
                    allocated.put(year, row.amountCents);
                    if (row.committedCents != 0) {
                        committed.put(year, row.committedCents);
                    }
                }
            });
        }
        return new AllocationState(YearAmounts.of(allocated), YearAmounts.of(committed));
    }

    @Override
    public Map<MunicipalityCode, YearAmounts> all() {
        Map<MunicipalityCode, Map<Integer, Long>> by = new LinkedHashMap<>();
        synchronized (table.lock) {
            table.allocations.forEach((key, row) -> {
                String[] parts = key.split("#");
                by.computeIfAbsent(new MunicipalityCode(parts[0]), c -> new TreeMap<>())
                        .put(Integer.parseInt(parts[1]), row.amountCents);
            });
        }
        Map<MunicipalityCode, YearAmounts> out = new LinkedHashMap<>();
        by.forEach((code, amounts) -> out.put(code, YearAmounts.of(amounts)));
        return out;
    }

    @Override
    public void setAll(List<Allocation> allocations) {
        Map<String, Allocation> byKey = new LinkedHashMap<>();
        for (Allocation a : allocations) {
            byKey.put(InMemoryTable.key(a.municipality(), a.year()), a);
        }
        synchronized (table.lock) {
            if (byKey.size() > 1) {
                refuseIfAny(refusals(byKey));
            }
            List<String> refused = new ArrayList<>();
            byKey.forEach((key, a) -> {
                InMemoryTable.AllocationRow row = table.allocations.get(key);
                if (row == null) {
                    table.allocations.put(key, new InMemoryTable.AllocationRow(a.amountCents()));
                } else if (row.committedCents > a.amountCents()) {
                    refused.add(refusal(a, row.committedCents));
                } else {
                    row.amountCents = a.amountCents();
                }
            });
            refuseIfAny(refused);
        }
    }

    private List<String> refusals(Map<String, Allocation> rows) {
        List<String> refused = new ArrayList<>();
        rows.forEach((key, a) -> {
            InMemoryTable.AllocationRow row = table.allocations.get(key);
            if (row != null && row.committedCents > a.amountCents()) {
                refused.add(refusal(a, row.committedCents));
            }
        });
        return refused;
    }

    private static String refusal(Allocation row, long committed) {
        return "the allocation of " + row.municipality().value() + " for " + row.year() + " cannot be set to "
                + row.amountCents() + " cents: already " + committed + " cents awarded";
    }

    private static void refuseIfAny(List<String> refused) {
        if (!refused.isEmpty()) {
            throw new ConflictException(String.join("; ", refused));
        }
    }
}
