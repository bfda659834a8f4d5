package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.put;
import static nl.spuk.adapter.out.dynamodb.Attr.s;
import static nl.spuk.adapter.out.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.Municipality;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Recipient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A notification waiting to be sent ({@code PK=APP#id, SK=OUTBOX#notificationId}), written in the transaction of the
 * change that causes it. The table's stream, filtered to outbox items in state {@code PENDING}, feeds the notifier,
 * which claims the item ({@code SENDING}, with a lease), sends, and marks it {@code SENT}; a failed attempt leaves
 * it {@code FAILED} for Lambda's retry of the same record. Setting it back to {@code PENDING} sends it again.
 */
final class OutboxItem {
    static final String TYPE = "OUTBOX";
    static final String SK_PREFIX = "OUTBOX#";
    /** The attributes the notifier's event reads (the stream record's new image); the handler names them too. */
    static final String APPLICATION_ID = "applicationId";
    static final String NOTIFICATION_ID = "notificationId";
    static final String STATE = "state";
    static final String CLAIM_TOKEN = "claimToken";
    static final String LEASE_UNTIL = "leaseUntilMillis";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "lastError";
    static final String SENT_AT = "sentAt";
    static final String SENT_TO = "sentTo";

    /** The states of an outbox item. */
    enum State { PENDING, SENDING, SENT, FAILED }

    private OutboxItem() {
    }

    static Map<String, AttributeValue> key(String applicationId, String notificationId) {
        return Keys.key(Keys.appPk(applicationId), SK_PREFIX + notificationId);
    }

    static Map<String, AttributeValue> toItem(Notification n) {
        Map<String, AttributeValue> item = new HashMap<>(key(n.applicationId(), n.id()));
        item.put("type", s(TYPE));
        item.put(NOTIFICATION_ID, s(n.id()));
        item.put(APPLICATION_ID, s(n.applicationId()));
        item.put("notificationType", s(n.type().name()));
        item.put("recipient", s(n.recipient().name()));
        item.put("municipalityCode", s(n.municipality().code().value()));
        item.put("municipalityName", s(n.municipality().name()));
        put(item, "applicationTitle", n.applicationTitle());
        put(item, "contactEmail", n.contactEmail());
        item.put("details", Attr.stringMap(n.details()));
        put(item, "createdAt", n.createdAt());
        item.put(STATE, s(State.PENDING.name()));
        item.put(ATTEMPTS, Attr.n(0));
        return item;
    }

    static Notification fromItem(Map<String, AttributeValue> item) {
        return new Notification(
                str(item, NOTIFICATION_ID),
                NotificationType.valueOf(str(item, "notificationType")),
                Recipient.valueOf(str(item, "recipient")),
                str(item, APPLICATION_ID),
                new Municipality(new MunicipalityCode(str(item, "municipalityCode")), str(item, "municipalityName")),
                str(item, "applicationTitle"),
                str(item, "contactEmail"),
                Attr.stringMap(item.get("details")),
                Attr.instant(item, "createdAt"));
    }

    static State state(Map<String, AttributeValue> item) {
        return State.valueOf(str(item, STATE));
    }
}
