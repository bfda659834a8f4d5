package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.spuk.domain.Actor;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps an audit event to its item ({@code PK=APP#id, SK=EVT#time#suffix}) and back. */
final class EventItem {

    private EventItem() {
    }

    /** The id of the change an event records, where it has one (see {@code ApplicationChange#changeId}). */
    static final String CHANGE_ID = "changeId";
    /** The application's version that the change an event records made, where it records one. */
    static final String VERSION = "version";

    /** A new event item recording a change of the application: the change's id and the version it made. */
    static Map<String, AttributeValue> toItem(String applicationId, AuditEvent event, String changeId, long version) {
        Map<String, AttributeValue> item = toItem(applicationId, event);
        put(item, CHANGE_ID, changeId);
        item.put(VERSION, n(version));
        return item;
    }

    /** A new event item; each call gets its own sort key, so two events never overwrite each other. */
    static Map<String, AttributeValue> toItem(String applicationId, AuditEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbTable.PK, s(Keys.appPk(applicationId)));
        item.put(DynamoDbTable.SK, s(Keys.newEventSk(event.at())));
        item.put("type", s("EVENT"));
        put(item, "at", event.at());
        put(item, "actorId", event.actorId());
        put(item, "actorName", event.actorName());
        put(item, "role", event.role());
        put(item, "action", event.action());
        put(item, "fromStatus", event.fromStatus());
        put(item, "toStatus", event.toStatus());
        item.put("details", details(event.details()));
        return item;
    }

    static AuditEvent fromItem(Map<String, AttributeValue> item) {
        String actorId = str(item, "actorId");
        // the workflow's steps written before it had no role carried the ministry's role and another name
        boolean workflow = Actor.WORKFLOW.id().equals(actorId);
        return new AuditEvent(
                Attr.instant(item, "at"),
                actorId,
                workflow ? AuditEvent.WORKFLOW : str(item, "actorName"),
                workflow ? null : Attr.enumOf(Role.class, item, "role"),
                str(item, "action"),
                Attr.enumOf(Status.class, item, "fromStatus"),
                Attr.enumOf(Status.class, item, "toStatus"),
                details(item.get("details")));
    }

    /** Details as a map of typed attribute values: text S, numbers N, booleans BOOL, maps M. */
    private static AttributeValue details(Map<String, Object> details) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        details.forEach((k, v) -> m.put(k, value(v)));
        return AttributeValue.fromM(m);
    }

    private static AttributeValue value(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(k.toString(), value(x)));
            return AttributeValue.fromM(m);
        }
        if (v instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (v instanceof Number number) {
            return AttributeValue.fromN(number instanceof BigDecimal d ? d.toPlainString() : number.toString());
        }
        return s(v.toString());
    }

    private static Map<String, Object> details(AttributeValue value) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (value != null) {
            value.m().forEach((k, v) -> m.put(k, v.s() != null ? legacy(k, v.s()) : value(v)));
        }
        return m;
    }

    private static Object value(AttributeValue v) {
        if (v.n() != null) {
            BigDecimal d = new BigDecimal(v.n());
            return d.scale() <= 0 ? (Object) d.longValueExact() : d;
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasM()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.m().forEach((k, x) -> m.put(k, value(x)));
            return m;
        }
        return v.s();
    }

    /**
     * A text value as events written before December 2026 stored every detail: the numbers, booleans and amounts per
     * year they printed ({@code "1500000"}, {@code "true"}, {@code "{2025=1500000}"}) become those values again.
     */
    private static Object legacy(String key, String text) {
        if (!LEGACY_TYPED.contains(key)) {
            return text;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (LEGACY_NUMBER.matcher(text).matches()) {
            BigDecimal d = new BigDecimal(text);
            return d.scale() <= 0 ? (Object) d.longValueExact() : d;
        }
        Matcher amounts = LEGACY_AMOUNTS.matcher(text);
        if (amounts.matches()) {
            Map<String, Object> m = new TreeMap<>();
            Matcher entry = LEGACY_AMOUNT.matcher(text);
            while (entry.find()) {
                m.put(entry.group(1), Long.parseLong(entry.group(2)));
            }
            return m;
        }
        return text;
    }

    /** The keys whose values were numbers, booleans or amounts before details were typed. */
    private static final Set<String> LEGACY_TYPED = Set.of("year", "late", "spentCents", "totalEligibleCents",
            "reclaimCents", "awardedCents", "hours", "version", "days");
    private static final Pattern LEGACY_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern LEGACY_AMOUNTS = Pattern.compile("\\{(\\d+=-?\\d+(, )?)*}");
    private static final Pattern LEGACY_AMOUNT = Pattern.compile("(\\d+)=(-?\\d+)");
}
