package nl.spuk.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entry of an application's history. Written in the same transaction as the change it records.
 *
 * @param fromStatus status before the change, null where the status did not change
 * @param toStatus status after the change, null where the status did not change
 * @param role the role of the person who acted; null for the workflow itself (timers), whose actor is {@link #WORKFLOW}
 * @param details what the change was about, as JSON-like values: text, whole numbers ({@code Long}), decimals
 *     ({@code BigDecimal}), booleans and maps of these (amounts per year: {@code {"2025": 1500000}}); other numbers,
 *     enums and dates are normalised to those
 */
public record AuditEvent(
        Instant at,
        String actorId,
        String actorName,
        Role role,
        String action,
        Status fromStatus,
        Status toStatus,
        Map<String, Object> details) {

    /** What the history names as the actor of a step the workflow took by itself (a timer), with no role. */
    public static final String WORKFLOW = "workflow";


    /**
     * The steps of four eyes that stay inside the ministry: who proposed a decision or settlement and what, and why a
     * second ministry user returned it. What is approved shows in the approval's own entry and in the application.
     */
    private static final Set<String> INTERNAL_TO_THE_MINISTRY =
            Set.of("DECISION_PROPOSED", "DECISION_RETURNED", "SETTLEMENT_PROPOSED", "SETTLEMENT_RETURNED");

    public AuditEvent {
        details = details == null ? Map.of() : normalised(details);
    }

    /** An event of what a person did, or of what the workflow did when {@code actor} is {@link Actor#WORKFLOW}. */
    public static AuditEvent of(Actor actor, Instant at, String action, Status from, Status to, Map<String, ?> details) {
        Map<String, Object> values = details == null ? null : new LinkedHashMap<>(details);
        return actor == Actor.WORKFLOW
                ? new AuditEvent(at, actor.id(), WORKFLOW, null, action, from, to, values)
                : new AuditEvent(at, actor.id(), actor.name(), actor.role(), action, from, to, values);
    }

    private static Map<String, Object> normalised(Map<String, ?> values) {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                m.put(k, value(v));
            }
        });
        return Collections.unmodifiableMap(m);
    }

    private static Object value(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            BigDecimal plain = d.stripTrailingZeros();
            return plain.scale() <= 0 ? (Object) plain.longValueExact() : plain;
        }
        if (v instanceof Double || v instanceof Float) {
            return value(BigDecimal.valueOf(((Number) v).doubleValue()));
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof LocalDate || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof YearAmounts amounts) {
            return normalised(amounts.asMap().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(k.toString(), x));
            return normalised(m);
        }
        throw new IllegalArgumentException("an event's details hold no " + v.getClass().getSimpleName());
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
