package nl.spuk.application.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.Figures;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.Report;
import nl.spuk.domain.Task;

/**
 * The one table the DynamoDB adapters share, in memory. The in-memory ports are views on it, as the real adapters are
 * views on the single table: an application's change, its allocation commitments, its documents and the monitoring
 * aggregates are written together under one lock, as DynamoDB writes them in one transaction; the hours ledger checks
 * the application's status in the same way. Every port answers from this state, so what one port wrote another reads.
 */
public final class InMemoryTable {
    /** Guards every map below; a port holds it for the whole of one operation. */
    final Object lock = new Object();

    /** Per year the last award reference's sequence number taken ({@code REFS#year}); absent: none yet. */
    final Map<Integer, Integer> lastReference = new HashMap<>();

    /** The application's partition ({@code PK=APP#id}): the application, its events, tasks, reports and documents. */
    static final class Partition {
        Application application;
        /** The change that produced the stored state, or null (created, or never changed). */
        String lastChangeId;
        final List<Event> events = new ArrayList<>();
        /** By task id, as the sort key {@code TASK#taskId} orders them. */
        final Map<String, Task> tasks = new TreeMap<>();
        final Map<Integer, Report> reports = new TreeMap<>();
        final Map<String, Document> documents = new LinkedHashMap<>();
        /** The records of removed documents ({@code SK=REMOVED#documentId}), as they were. */
        final Map<String, Document> removedDocuments = new LinkedHashMap<>();
        /** The counts item ({@code SK=DOCS}): documents announced, and those of them still waiting for their upload. */
        int documentCount;
        int waitingCount;
        /** The outbox items the application's changes wrote, by notification id, in the order written. */
        final Map<String, Notification> outbox = new LinkedHashMap<>();
    }

    /**
     * An audit event with the change it records (null for none), the version that change made (null for an event
     * without a change), and its order of writing.
     */
    record Event(AuditEvent event, String changeId, Long version, long sequence) {
    }

    /** A municipality's allocation for one year and what approved awards committed of it. */
    static final class AllocationRow {
        long amountCents;
        long committedCents;

        AllocationRow(long amountCents) {
            this.amountCents = amountCents;
        }

        long headroom() {
            return amountCents - committedCents;
        }
    }

    /** A municipality's hours ledger: the running total, the entries, the entry ids booked. */
    static final class Ledger {
        int usedQuarterHours;
        final List<HoursEntry> entries = new ArrayList<>();
        final Set<String> entryIds = new HashSet<>();
    }

    final Map<String, Partition> partitions = new LinkedHashMap<>();
    /** By "code#year". */
    final Map<String, AllocationRow> allocations = new TreeMap<>();
    final Map<MunicipalityCode, Ledger> ledgers = new HashMap<>();
    /** The monitoring aggregates by "code#year". */
    final Map<String, Figures> aggregates = new TreeMap<>();
    private long sequence;

    Partition partition(String applicationId) {
        return partitions.computeIfAbsent(applicationId, id -> new Partition());
    }

    /** Appends an event to the application's trail (the caller holds the lock). */
    void addEvent(String applicationId, AuditEvent event, String changeId) {
        addEvent(applicationId, event, changeId, null);
    }

    /** Appends the event of a change that made this version (the caller holds the lock). */
    void addEvent(String applicationId, AuditEvent event, String changeId, Long version) {
        partition(applicationId).events.add(new Event(event, changeId, version, ++sequence));
    }

    /** An opaque page token holding these parts (the fakes' stand-in for an encoded start key). */
    static String token(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a page token, which must begin with {@code expectedFirst} and hold {@code count} parts.
     *
     * @throws IllegalArgumentException when it is no such token, as the real adapters refuse a foreign one
     */
    static String[] parts(String token, String expectedFirst, int count) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed nextToken", e);
        }
        if (parts.length != count || !parts[0].equals(expectedFirst)) {
            throw new IllegalArgumentException("nextToken does not belong to this list");
        }
        return parts;
    }

    static String key(MunicipalityCode municipality, int year) {
        return municipality.value() + "#" + year;
    }

    /** Adds a change's monitoring delta to the municipality's aggregates (the caller holds the lock). */
    void addToAggregates(MunicipalityCode municipality, Map<Integer, Figures> perYear) {
        perYear.forEach((year, delta) -> aggregates.merge(key(municipality, year), delta, Figures::plus));
    }
}
