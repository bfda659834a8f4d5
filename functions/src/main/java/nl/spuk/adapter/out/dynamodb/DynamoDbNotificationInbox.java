package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.spuk.application.port.NotificationInbox;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Notification;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The notifications in the app ({@link NotificationItem}): a page is one query of the audience's partition in GSI1,
 * newest first, and one strongly consistent {@code BatchGetItem} of the reader's marks on exactly that page, so the
 * cost follows the page, never the number of notifications or marks.
 */
public final class DynamoDbNotificationInbox implements NotificationInbox {
    /** BatchGetItem takes at most this many keys. */
    private static final int MAX_BATCH = 100;
    private static final int MAX_ROUNDS = 10;
    private static final Set<String> START_KEY = Set.of(DynamoDbTable.PK, DynamoDbTable.SK, DynamoDbTable.GSI1_PK,
            DynamoDbTable.GSI1_SK);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbNotificationInbox(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    /** {@inheritDoc} A {@code PutItem} of the whole item: a repeat writes the same. */
    @Override
    public void record(Notification notification, String message) {
        client.putItem(b -> b.tableName(tableName).item(NotificationItem.toItem(notification, message)));
    }

    @Override
    public Page<Entry> list(Actor actor, int limit, String nextToken) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_BATCH);
        }
        String pk = NotificationItem.audiencePk(actor);
        Map<String, AttributeValue> startKey = startKey(nextToken, pk);
        QueryResponse page = client.query(b -> b.tableName(tableName)
                .indexName(DynamoDbTable.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", DynamoDbTable.GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", s(pk)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(startKey));
        Set<String> read = readMarks(pk, actor.id(), page.items().stream().map(NotificationItem::id).toList());
        List<Entry> entries = page.items().stream()
                .map(item -> NotificationItem.fromItem(item, read.contains(NotificationItem.id(item)))).toList();
        Map<String, AttributeValue> last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey() : null;
        return new Page<>(entries, PageToken.encode(last));
    }

    @Override
    public Optional<Entry> find(Actor actor, String notificationId) {
        String pk = NotificationItem.audiencePk(actor);
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(NotificationItem.key(pk, notificationId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> mark = client.getItem(b -> b.tableName(tableName)
                .key(NotificationItem.readKey(pk, notificationId, actor.id())).consistentRead(true)).item();
        return Optional.of(NotificationItem.fromItem(item, mark != null && !mark.isEmpty()));
    }

    /** {@inheritDoc} A {@code PutItem} if the mark is absent: the first time read stays. */
    @Override
    public void markRead(Actor actor, String notificationId, Instant at) {
        String pk = NotificationItem.audiencePk(actor);
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(NotificationItem.readItem(pk, notificationId, actor.id(), at))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK)));
        } catch (ConditionalCheckFailedException e) {
            // read before
        }
    }

    /** The ids among these that the user marked read (strongly consistent; unprocessed keys asked again). */
    private Set<String> readMarks(String pk, String userId, List<String> ids) {
        Set<String> read = new HashSet<>();
        if (ids.isEmpty()) {
            return read;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(NotificationItem.readKey(pk, id, userId)));
        Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).projectionExpression("notificationId").build());
        for (int round = 1; !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(asked));
            response.responses().getOrDefault(tableName, List.of()).forEach(item -> read.add(NotificationItem.id(item)));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("DynamoDB kept leaving read marks unprocessed");
                }
                Transactions.pause(round);
            }
        }
        return read;
    }

    /** The start key in a token, which must point at a notification of this audience's list. */
    private static Map<String, AttributeValue> startKey(String token, String pk) {
        Map<String, AttributeValue> key = PageToken.decode(token, START_KEY);
        if (key == null) {
            return null;
        }
        String sk = key.get(DynamoDbTable.SK).s();
        String gsiSk = key.get(DynamoDbTable.GSI1_SK).s();
        boolean valid = pk.equals(key.get(DynamoDbTable.PK).s()) && pk.equals(key.get(DynamoDbTable.GSI1_PK).s())
                && sk.startsWith(NotificationItem.SK_PREFIX) && sk.length() > NotificationItem.SK_PREFIX.length()
                && validIndexSortKey(gsiSk, sk.substring(NotificationItem.SK_PREFIX.length()));
        if (!valid) {
            throw new IllegalArgumentException("nextToken does not belong to this list");
        }
        return new HashMap<>(key);
    }

    private static boolean validIndexSortKey(String gsiSk, String id) {
        int hash = gsiSk.indexOf('#');
        return hash > 0 && Attr.isSortable(gsiSk.substring(0, hash)) && gsiSk.substring(hash + 1).equals(id);
    }
}
