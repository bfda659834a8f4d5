package nl.spuk.domain;

import java.time.Instant;
import java.util.Map;

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

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEvent of(Actor actor, Instant at, String action, Status from, Status to, Map<String, String> details) {
        return new AuditEvent(at, actor.id(), actor.name(), actor.role(), action, from, to, details);
    }
}
