package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nl.spuk.application.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Pages through the items of one partition whose sort keys begin with a prefix, in sort-key order, strongly
 * consistent. One item more than the page is asked for, so the last page says it is the last (no empty page after
 * it); the token is the key of the page's last item.
 */
final class PrefixPage {
    private static final Set<String> KEY = Set.of(DynamoDbTable.PK, DynamoDbTable.SK);

    private PrefixPage() {
    }

    /**
     * @throws IllegalArgumentException when the token is not the key of an item of this partition and prefix
     */
    static <T> Page<T> query(DynamoDbClient client, String tableName, String pk, String skPrefix, int limit,
                             String nextToken, Function<Map<String, AttributeValue>, T> mapper) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, AttributeValue> startKey = PageToken.decode(nextToken, KEY);
        if (startKey != null && (!pk.equals(startKey.get(DynamoDbTable.PK).s())
                || !startKey.get(DynamoDbTable.SK).s().startsWith(skPrefix))) {
            throw new IllegalArgumentException("nextToken does not belong to this list");
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        do {
            Map<String, AttributeValue> from = startKey;
            int wanted = limit + 1 - found.size();
            QueryResponse round = client.query(q -> q.tableName(tableName)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", DynamoDbTable.PK, "#sk", DynamoDbTable.SK))
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)))
                    .consistentRead(true)
                    .limit(wanted)
                    .exclusiveStartKey(from));
            found.addAll(round.items());
            startKey = round.hasLastEvaluatedKey() && !round.lastEvaluatedKey().isEmpty() ? round.lastEvaluatedKey() : null;
        } while (startKey != null && found.size() <= limit);
        if (found.size() <= limit) {
            return new Page<>(found.stream().map(mapper).toList(), null);
        }
        Map<String, AttributeValue> last = found.get(limit - 1);
        return new Page<>(found.subList(0, limit).stream().map(mapper).toList(), PageToken.encode(Map.of(
                DynamoDbTable.PK, last.get(DynamoDbTable.PK), DynamoDbTable.SK, last.get(DynamoDbTable.SK))));
    }
}
