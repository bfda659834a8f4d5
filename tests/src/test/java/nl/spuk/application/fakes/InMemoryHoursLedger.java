package nl.spuk.application.fakes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import nl.spuk.application.ConflictException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.port.AdvisoryHoursLedger;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Status;

/**
 * {@link AdvisoryHoursLedger} in memory, with the semantics of {@code DynamoDbAdvisoryHoursLedger}: a booking is
 * all or nothing, under one lock with the application's status check, so the cap holds under concurrent bookings; a
 * repeat of a booked entry id is success whatever else changed meanwhile; the audit event goes to the application.
 */
public final class InMemoryHoursLedger implements AdvisoryHoursLedger {
    private final InMemoryTable table;

    public InMemoryHoursLedger() {
        this(new InMemoryTable());
    }

    public InMemoryHoursLedger(InMemoryTable table) {
        this.table = table;
    }

    @Override
    public HoursBalance book(HoursEntry entry, int capQuarterHours, AuditEvent event) {
        if (entry.quarterHours() <= 0) {
            throw new IllegalArgumentException("an entry books at least one quarter hour");
        }
        MunicipalityCode municipality = entry.municipality();
        synchronized (table.lock) {
            InMemoryTable.Ledger ledger = table.ledgers.computeIfAbsent(municipality, m -> new InMemoryTable.Ledger());
            if (entry.quarterHours() > capQuarterHours) {
                throw new HoursCapExceededException(new HoursBalance(ledger.usedQuarterHours, capQuarterHours));
            }
            if (ledger.entryIds.contains(entry.entryId())) {
                return new HoursBalance(ledger.usedQuarterHours, capQuarterHours);
            }
            InMemoryTable.Partition p = table.partitions.get(entry.applicationId());
            Application app = p == null ? null : p.application;
            if (app == null || app.status() != Status.IN_REVIEW) {
                throw new ConflictException("advisory hours can be logged only while the application is in review");
            }
            if (ledger.usedQuarterHours > capQuarterHours - entry.quarterHours()) {
                throw new HoursCapExceededException(new HoursBalance(ledger.usedQuarterHours, capQuarterHours));
            }
            ledger.usedQuarterHours += entry.quarterHours();
            ledger.entries.add(entry);
            ledger.entryIds.add(entry.entryId());
            table.addEvent(entry.applicationId(), event, null);
            return new HoursBalance(ledger.usedQuarterHours, capQuarterHours);
        }
    }

    @Override
    public HoursBalance balance(MunicipalityCode municipality, int capQuarterHours) {
        synchronized (table.lock) {
            InMemoryTable.Ledger ledger = table.ledgers.get(municipality);
            return new HoursBalance(ledger == null ? 0 : ledger.usedQuarterHours, capQuarterHours);
        }
    }

    /**
     * As the real adapter: oldest first (as the sort key {@code HOURS#at#entryId} orders them); the token is where the
     * previous page ended, and a page is the last when nothing follows it.
     */
    @Override
    public Page<HoursEntry> entries(MunicipalityCode municipality, int limit, String nextToken) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<HoursEntry> rest = entries(municipality);
        if (nextToken != null) {
            String[] after = InMemoryTable.parts(nextToken, "HOURS#" + municipality.value(), 3);
            Instant at = Instant.parse(after[1]);
            rest = rest.stream().filter(e -> e.at().isAfter(at)
                    || (e.at().equals(at) && e.entryId().compareTo(after[2]) > 0)).toList();
        }
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        HoursEntry last = rest.get(limit - 1);
        return new Page<>(rest.subList(0, limit),
                InMemoryTable.token("HOURS#" + municipality.value(), last.at().toString(), last.entryId()));
    }

    /** All the municipality's entries, oldest first: a view for assertions. */
    public List<HoursEntry> entries(MunicipalityCode municipality) {
        synchronized (table.lock) {
            InMemoryTable.Ledger ledger = table.ledgers.get(municipality);
            return ledger == null ? List.of() : ledger.entries.stream()
                    .sorted(Comparator.comparing(HoursEntry::at).thenComparing(HoursEntry::entryId)).toList();
        }
    }
}
