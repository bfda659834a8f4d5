package nl.spuk.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One entry of an application's history. Written in the same transaction as the change it records.
 *
 * @param fromStatus status before the change, null where the status did not change
 * @param toStatus status after the change, null where the status did not change
 */
public record AuditEvent(
        Instant at,
        String actorId,
        String actorName,
        Role role,
        String action,
        Status fromStatus,
        Status toStatus,
        Map<String, String> details) {

    /**
     * The steps of four eyes that stay inside the ministry: who proposed a decision or settlement and what, and why a
     * second ministry user returned it. What is approved shows in the approval's own entry and in the application.
     */
    private static final Set<String> INTERNAL_TO_THE_MINISTRY =
            Set.of("DECISION_PROPOSED", "DECISION_RETURNED", "SETTLEMENT_PROPOSED", "SETTLEMENT_RETURNED");

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEvent of(Actor actor, Instant at, String action, Status from, Status to, Map<String, String> details) {
        return new AuditEvent(at, actor.id(), actor.name(), actor.role(), action, from, to, details);
    }

    /**
     * The entry as this actor may read it: outside the ministry an internal step of four eyes shows that it happened
     * (when, by which role, between which statuses), not who did it nor its details.
     */
    public AuditEvent asSeenBy(Actor reader) {
        if (reader.is(Role.MINISTRY) || !INTERNAL_TO_THE_MINISTRY.contains(action)) {
            return this;
        }
        return new AuditEvent(at, null, null, role, action, fromStatus, toStatus, Map.of());
    }
}
