package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The key formats of the single table (docs/dynamodb.md). */
final class Keys {
    static final String APP_SK = "APP";
    static final String EVENT_PREFIX = "EVT#";
    static final String TASK_PREFIX = "TASK#";
    static final String DOC_PREFIX = "DOC#";
    /**
     * The first sort key after every {@code DOC#…} ('$' follows '#'): {@code SK BETWEEN APP AND DOC$} holds an
     * application's item and its documents, and nothing else of its partition ({@code EVT#}, {@code REPORT#} and
     * {@code TASK#} sort after it).
     */
    static final String DOCS_END = "DOC$";
    /** An application's document counts; sorts after {@link #DOCS_END}, so a read of its documents never meets it. */
    static final String DOCUMENT_COUNTS_SK = "DOCS";
    /** A removed document's record; sorts after {@link #DOCS_END} (and apart from {@code REPORT#}). */
    static final String REMOVED_DOC_PREFIX = "REMOVED#";
    /** The sparse GSI2 partition of documents that wait for their upload. */
    static final String UPLOADS_WAITING = "UPLOADS_WAITING";
    static final String ALLOC_PREFIX = "ALLOC#";
    static final String HOURS_LEDGER_SK = "HOURS";
    static final String HOURS_ENTRY_PREFIX = "HOURS#";
    static final String HOURS_GUARD_PREFIX = "HOURSENTRY#";
    static final String ALL_APPS = "APPS";
    static final String ALL_ALLOCATIONS = "ALLOCATIONS";
    static final String IDEM_SK = "IDEM";
    static final String MONITORING_PREFIX = "MON#";
    static final String OVERDUE_PREFIX = "OVERDUE#";
    static final String REFERENCE_COUNTER_SK = "REFS";

    /** Orders events written by this process at the same instant; the random part keeps keys unique across processes. */
    private static final AtomicLong EVENT_SEQUENCE = new AtomicLong();

    private Keys() {
    }

    static String appPk(String applicationId) {
        return "APP#" + applicationId;
    }

    /** The application id in an application's partition key; null for any other key. */
    static String applicationIdIn(String pk) {
        String prefix = appPk("");
        return pk.startsWith(prefix) ? pk.substring(prefix.length()) : null;
    }

    static String municipalityPk(MunicipalityCode code) {
        return "MUNI#" + code.value();
    }

    /** The partition of one year's monitoring aggregates, one item per municipality. */
    static String monitoringPk(int year) {
        return MONITORING_PREFIX + year;
    }

    /** The partition of one year's award reference counter. */
    static String referenceCounterPk(int year) {
        return "REFS#" + year;
    }

    /** The sparse index partition (GSI2) of the open chases of overdue reports on one year. */
    static String overduePk(int year) {
        return OVERDUE_PREFIX + year;
    }

    static String statusPk(String status) {
        return "STATUS#" + status;
    }

    static String taskSk(String taskId) {
        return TASK_PREFIX + taskId;
    }

    static String removedDocumentSk(String documentId) {
        return REMOVED_DOC_PREFIX + documentId;
    }

    static String documentSk(String documentId) {
        return DOC_PREFIX + documentId;
    }

    static String allocationSk(int year) {
        return ALLOC_PREFIX + year;
    }

    /** An hours entry: oldest first within the municipality's partition. */
    static String hoursEntrySk(Instant at, String entryId) {
        return HOURS_ENTRY_PREFIX + Attr.sortable(at) + "#" + entryId;
    }

    /** Claims an entry id once per municipality, whatever time a repeat of the entry carries. */
    static String hoursGuardSk(String entryId) {
        return HOURS_GUARD_PREFIX + entryId;
    }

    static String idempotencyPk(String scopedKey) {
        return "IDEM#" + scopedKey;
    }

    /** A new, unique event sort key: oldest first by time, then by order of writing within this process. */
    static String newEventSk(Instant at) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return EVENT_PREFIX + Attr.sortable(at) + "#"
                + String.format("%012x", EVENT_SEQUENCE.incrementAndGet()) + HexFormat.of().formatHex(random);
    }

    /** The task group an actor works from: their municipality's tasks, or their role's. */
    static String taskGroupPk(Actor actor) {
        return actor.role() == Role.MUNICIPALITY
                ? taskGroupPk(Role.MUNICIPALITY, actor.municipality())
                : taskGroupPk(actor.role(), null);
    }

    static String taskGroupPk(Role role, MunicipalityCode municipality) {
        String group = role == Role.MUNICIPALITY ? role.groupName() + "#" + municipality.value() : role.groupName();
        return "TASKS#" + group;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(DynamoDbTable.PK, s(pk), DynamoDbTable.SK, s(sk));
    }
}
