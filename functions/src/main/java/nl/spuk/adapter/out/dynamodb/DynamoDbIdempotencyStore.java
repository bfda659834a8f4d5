package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.spuk.application.port.IdempotencyStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency records in the single table ({@code PK=IDEM#scopedKey, SK=IDEM}). A claim is a lease: it
 * carries an expiry {@link #CLAIM_LEASE} ahead, so a request that crashed before completing blocks its key
 * for that long only. Completing replaces the lease by the caller's expiry. Records past their expiry count
 * as absent (DynamoDB's TTL deletes them later, on its own schedule).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    /** How long a claim without completion holds its key. */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    private static final String HASH = "requestHash";
    private static final String STATE = "state";
    /** A claim's own random token: a claim whose answer was lost can be taken back without touching another's. */
    private static final String OWNER = "claimedBy";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String EXPIRES_AT = DynamoDbTable.TTL_ATTRIBUTE;

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the claim's write fails without an answer (it may have been made all the same), the claim is taken back
     * before the failure is thrown, so that the client's retry is not held off for the length of a lease.
     */
    @Override
    public Claim claim(String scopedKey, String requestHash, Instant now) {
        String owner = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key(scopedKey));
        item.put(HASH, s(requestHash));
        item.put(STATE, s(IN_PROGRESS));
        item.put(OWNER, s(owner));
        item.put(EXPIRES_AT, n(now.plus(CLAIM_LEASE).getEpochSecond()));
        try {
            client.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expiresAt <= :now")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claimed();
        } catch (ConditionalCheckFailedException e) {
            // The condition fails only on a live record, which ALL_OLD hands back: no second read needed.
            return outcome(e.item(), requestHash);
        } catch (SdkException e) {
            takeBack(scopedKey, owner, e);
            throw e;
        }
    }

    /** Deletes the claim if it is this one (so it was written after all); nothing else, and never another's. */
    private void takeBack(String scopedKey, String owner, SdkException failure) {
        try {
            client.deleteItem(b -> b.tableName(tableName).key(key(scopedKey))
                    .conditionExpression("#owner = :owner AND #state = :inProgress")
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#state", STATE))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":inProgress", s(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException notWritten) {
            // the claim was not written: nothing to take back
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }

    private static Claim outcome(Map<String, AttributeValue> held, String requestHash) {
        if (!requestHash.equals(Attr.str(held, HASH))) {
            return new Mismatch();
        }
        if (!COMPLETED.equals(Attr.str(held, STATE))) {
            return new InProgress();
        }
        Map<String, String> headers = Attr.stringMap(held.get("headers"));
        return new Replay(new StoredResponse((int) Attr.num(held, "status"), headers, Attr.str(held, "body")));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Nothing is stored when the key is meanwhile held for another body (this request's lease ran out and
     * another request claimed the key).
     */
    @Override
    public void complete(String scopedKey, String requestHash, StoredResponse response, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(scopedKey));
        item.put(HASH, s(requestHash));
        item.put(STATE, s(COMPLETED));
        item.put(EXPIRES_AT, n(expiresAt.getEpochSecond()));
        item.put("status", n(response.status()));
        item.put("headers", Attr.stringMap(response.headers()));
        if (response.body() != null) {
            item.put("body", s(response.body()));
        }
        try {
            client.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #hash = :hash")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#hash", HASH))
                    .expressionAttributeValues(Map.of(":hash", s(requestHash))));
        } catch (ConditionalCheckFailedException e) {
            // The key belongs to another request now; its answer is the one to keep.
        }
    }

    /** {@inheritDoc} A completed answer is never removed by a release. */
    @Override
    public void release(String scopedKey) {
        try {
            client.deleteItem(b -> b.tableName(tableName).key(key(scopedKey))
                    .conditionExpression("#state = :inProgress")
                    .expressionAttributeNames(Map.of("#state", STATE))
                    .expressionAttributeValues(Map.of(":inProgress", s(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException e) {
            // Already gone, or completed meanwhile: nothing to give free.
        }
    }

    private static Map<String, AttributeValue> key(String scopedKey) {
        return Keys.key(Keys.idempotencyPk(scopedKey), Keys.IDEM_SK);
    }
}
