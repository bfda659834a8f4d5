package nl.spuk.application.fakes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import nl.spuk.application.port.MonitoringFigures;
import nl.spuk.domain.Figures;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.TaskType;

/**
 * {@link MonitoringFigures} in memory, reading what {@link InMemoryApplicationRepository} keeps in the same table as
 * {@code DynamoDbMonitoringFigures} reads what its repository keeps: the aggregates each change updated, the hours
 * ledgers, and the open chases of overdue reports by year.
 */
public final class InMemoryMonitoringFigures implements MonitoringFigures {
    private final InMemoryTable table;

    public InMemoryMonitoringFigures(InMemoryTable table) {
        this.table = table;
    }

    /** {@inheritDoc} Aggregates whose figures have all gone back to zero count as absent. */
    @Override
    public Map<MunicipalityCode, Figures> forYear(int year) {
        Map<MunicipalityCode, Figures> out = new HashMap<>();
        synchronized (table.lock) {
            table.aggregates.forEach((key, figures) -> {
                String[] parts = key.split("#");
                if (Integer.parseInt(parts[1]) == year && !figures.isZero()) {
                    out.put(new MunicipalityCode(parts[0]), figures);
                }
            });
        }
        return out;
    }

    @Override
    public Figures forMunicipality(MunicipalityCode municipality, int year) {
        synchronized (table.lock) {
            return table.aggregates.getOrDefault(InMemoryTable.key(municipality, year), Figures.ZERO);
        }
    }

    /** {@inheritDoc} The open chase tasks whose id names the year ({@code {appId}:CHASE_OVERDUE_REPORT:{year}}). */
    @Override
    public long overdueReports(int year) {
        synchronized (table.lock) {
            return table.partitions.values().stream().flatMap(p -> p.tasks.values().stream())
                    .filter(t -> t.type() == TaskType.CHASE_OVERDUE_REPORT)
                    .filter(t -> t.taskId().equals(t.applicationId() + ":" + TaskType.CHASE_OVERDUE_REPORT + ":" + year))
                    .count();
        }
    }

    @Override
    public Map<MunicipalityCode, Integer> usedQuarterHours(Collection<MunicipalityCode> municipalities) {
        Map<MunicipalityCode, Integer> out = new HashMap<>();
        synchronized (table.lock) {
            for (MunicipalityCode m : municipalities) {
                InMemoryTable.Ledger ledger = table.ledgers.get(m);
                if (ledger != null && ledger.usedQuarterHours > 0) {
                    out.put(m, ledger.usedQuarterHours);
                }
            }
        }
        return out;
    }

    @Override
    public void replace(MunicipalityCode municipality, int year, Figures figures) {
        synchronized (table.lock) {
            table.aggregates.put(InMemoryTable.key(municipality, year), figures);
        }
    }
}
