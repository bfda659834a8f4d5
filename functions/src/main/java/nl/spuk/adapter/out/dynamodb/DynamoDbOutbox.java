package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import nl.spuk.application.ConflictException;
import nl.spuk.application.port.Outbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The outbox items ({@link OutboxItem}) as the notifier works through them, each step one conditional
 * {@code UpdateItem}: the claim answers the item it claimed (so nothing is read first), or, refused, the item as it
 * stands (whether it was sent, or is held by another delivery).
 */
public final class DynamoDbOutbox implements Outbox {
    private static final Map<String, String> NAMES = Map.of("#state", OutboxItem.STATE, "#token", OutboxItem.CLAIM_TOKEN,
            "#lease", OutboxItem.LEASE_UNTIL, "#attempts", OutboxItem.ATTEMPTS);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbOutbox(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code SET state = SENDING, claimToken, leaseUntilMillis ADD attempts 1} if {@code state} is {@code PENDING} or
     * {@code FAILED}, or {@code SENDING} with a lease that ran out or with this very token.
     */
    @Override
    public Claim claim(String applicationId, String notificationId, String token, Instant now, Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sending", s(OutboxItem.State.SENDING.name()));
        values.put(":pending", s(OutboxItem.State.PENDING.name()));
        values.put(":failed", s(OutboxItem.State.FAILED.name()));
        values.put(":token", s(token));
        values.put(":lease", n(leaseUntil.toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":one", n(1));
        try {
            Map<String, AttributeValue> claimed = client.updateItem(b -> b.tableName(tableName)
                    .key(OutboxItem.key(applicationId, notificationId))
                    .updateExpression("SET #state = :sending, #token = :token, #lease = :lease ADD #attempts :one")
                    .conditionExpression("#state IN (:pending, :failed)"
                            + " OR (#state = :sending AND (#lease < :now OR #token = :token))")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Claim.Claimed(OutboxItem.fromItem(claimed), token);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
            if (item.isEmpty()) {
                return new Claim.Missing();
            }
            if (OutboxItem.state(item) == OutboxItem.State.SENT) {
                return new Claim.AlreadySent();
            }
            AttributeValue lease = item.get(OutboxItem.LEASE_UNTIL);
            return new Claim.Held(lease == null ? now : Instant.ofEpochMilli(Long.parseLong(lease.n())));
        }
    }

    /** {@inheritDoc} {@code SET state = SENT, sentAt, sentTo REMOVE claimToken, leaseUntilMillis, lastError} if the claim is this one. */
    @Override
    public void sent(String applicationId, String notificationId, String token, Instant at, String sentTo) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sent", s(OutboxItem.State.SENT.name()));
        values.put(":token", s(token));
        values.put(":at", s(at.toString()));
        values.put(":to", sentTo == null ? AttributeValue.fromNul(true) : s(sentTo));
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#sentAt", OutboxItem.SENT_AT);
        names.put("#sentTo", OutboxItem.SENT_TO);
        names.put("#error", OutboxItem.LAST_ERROR);
        names.remove("#attempts");
        try {
            client.updateItem(b -> b.tableName(tableName)
                    .key(OutboxItem.key(applicationId, notificationId))
                    .updateExpression("SET #state = :sent, #sentAt = :at, #sentTo = :to REMOVE #token, #lease, #error")
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("the claim on notification " + notificationId + " was lost before it was recorded as sent");
        }
    }

    /** {@inheritDoc} {@code SET state = FAILED, lastError REMOVE claimToken, leaseUntilMillis} if the claim is this one. */
    @Override
    public void failed(String applicationId, String notificationId, String token, String error) {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#error", OutboxItem.LAST_ERROR);
        names.remove("#attempts");
        try {
            client.updateItem(b -> b.tableName(tableName)
                    .key(OutboxItem.key(applicationId, notificationId))
                    .updateExpression("SET #state = :failed, #error = :error REMOVE #token, #lease")
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":failed", s(OutboxItem.State.FAILED.name()), ":error",
                            s(error == null || error.isBlank() ? "unknown" : error), ":token", s(token))));
        } catch (ConditionalCheckFailedException e) {
            // another attempt took the claim over: its outcome stands
        }
    }
}
