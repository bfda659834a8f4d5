package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;
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
        item.put("details", Attr.stringMap(event.details()));
        return item;
    }

    static AuditEvent fromItem(Map<String, AttributeValue> item) {
        return new AuditEvent(
                Attr.instant(item, "at"),
                str(item, "actorId"),
                str(item, "actorName"),
                Attr.enumOf(Role.class, item, "role"),
                str(item, "action"),
                Attr.enumOf(Status.class, item, "fromStatus"),
                Attr.enumOf(Status.class, item, "toStatus"),
                Attr.stringMap(item.get("details")));
    }
}
