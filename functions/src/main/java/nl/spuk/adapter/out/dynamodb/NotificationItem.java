package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Recipient;
import nl.spuk.domain.Role;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A notification in the app ({@code PK=NOTES#{audience}, SK=NOTE#{id}}), in GSI1 under the same audience, newest
 * first by {@code GSI1SK={createdAt}#{id}}; and a user's read mark on it ({@code SK=READ#{id}#{userId}}, in the same
 * partition, in no index). The audience is whom the notification's recipient stands for: {@code municipality#GM0014},
 * {@code advisor} or {@code ministry}, as for tasks.
 */
final class NotificationItem {
    static final String TYPE = "NOTIFICATION";
    static final String READ_TYPE = "NOTIFICATION_READ";
    static final String SK_PREFIX = "NOTE#";
    static final String READ_PREFIX = "READ#";
    static final String PARTITION_PREFIX = "NOTES#";

    private NotificationItem() {
    }

    /** The partition of the notifications a recipient's users see. */
    static String audiencePk(Recipient recipient, MunicipalityCode municipality) {
        Role role = recipient.role();
        return PARTITION_PREFIX + (role == Role.MUNICIPALITY ? role.groupName() + "#" + municipality.value() : role.groupName());
    }

    /** The partition of the notifications this actor sees. */
    static String audiencePk(Actor actor) {
        return audiencePk(Recipient.of(actor.role()), actor.municipality());
    }

    static Map<String, AttributeValue> key(String audiencePk, String notificationId) {
        return Keys.key(audiencePk, SK_PREFIX + notificationId);
    }

    static Map<String, AttributeValue> readKey(String audiencePk, String notificationId, String userId) {
        return Keys.key(audiencePk, READ_PREFIX + notificationId + "#" + userId);
    }

    static Map<String, AttributeValue> toItem(Notification n, String message) {
        String pk = audiencePk(n.recipient(), n.municipality().code());
        Map<String, AttributeValue> item = new HashMap<>(key(pk, n.id()));
        item.put(DynamoDbTable.GSI1_PK, s(pk));
        item.put(DynamoDbTable.GSI1_SK, s(Attr.sortable(n.createdAt()) + "#" + n.id()));
        item.put("type", s(TYPE));
        item.put("notificationId", s(n.id()));
        item.put("notificationType", s(n.type().name()));
        item.put("recipient", s(n.recipient().name()));
        item.put("applicationId", s(n.applicationId()));
        item.put("municipalityCode", s(n.municipality().code().value()));
        item.put("message", s(message));
        put(item, "createdAt", n.createdAt());
        return item;
    }

    static Map<String, AttributeValue> readItem(String audiencePk, String notificationId, String userId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(readKey(audiencePk, notificationId, userId));
        item.put("type", s(READ_TYPE));
        item.put("notificationId", s(notificationId));
        item.put("userId", s(userId));
        put(item, "readAt", at);
        return item;
    }

    static String id(Map<String, AttributeValue> item) {
        return str(item, "notificationId");
    }

    static NotificationInbox.Entry fromItem(Map<String, AttributeValue> item, boolean read) {
        return new NotificationInbox.Entry(
                str(item, "notificationId"),
                NotificationType.valueOf(str(item, "notificationType")),
                str(item, "applicationId"),
                new MunicipalityCode(str(item, "municipalityCode")),
                str(item, "message"),
                Attr.instant(item, "createdAt"),
                read);
    }
}
