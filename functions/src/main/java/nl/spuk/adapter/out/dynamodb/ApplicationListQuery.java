package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Plans the query behind a list of applications: the role's scope first, then the index the filters allow
 * (municipality → GSI1, status → GSI2, else GSI3), the remaining filters as a filter expression.
 */
final class ApplicationListQuery {
    /** An application id as the server makes them (a UUID), in the key of a start key. */
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final String indexName;
    private final String partitionAttribute;
    private final String sortAttribute;
    private final String partitionValue;
    private final String sortPrefix;
    private final List<String> filters = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final boolean oldestFirst;
    private final String scope;

    private ApplicationListQuery(String indexName, String partitionAttribute, String sortAttribute,
                                 String partitionValue, String sortPrefix, ApplicationQuery q) {
        this.indexName = indexName;
        this.partitionAttribute = partitionAttribute;
        this.sortAttribute = sortAttribute;
        this.partitionValue = partitionValue;
        this.sortPrefix = sortPrefix;
        this.oldestFirst = q.oldestFirst();
        this.scope = PageToken.scope(q.actor() == null ? null : q.actor().id(),
                q.actor() == null ? null : q.actor().role(), q.status(), q.municipality(), q.year(), q.search(),
                q.oldestFirst());
    }

    /** The plan for the query, or empty when the actor may see nothing it asks for. */
    static Optional<ApplicationListQuery> plan(ApplicationQuery q) {
        MunicipalityCode municipality = q.municipality();
        Role role = q.actor() == null ? null : q.actor().role();
        if (role == Role.MUNICIPALITY) {
            if (municipality != null && !q.actor().belongsTo(municipality)) {
                return Optional.empty();
            }
            municipality = q.actor().municipality();
        }
        // Until its first submission an application is its municipality's own (Application#isVisibleTo).
        boolean submittedOnly = role == Role.ADVISOR || role == Role.MINISTRY;
        if (submittedOnly && q.status() == Status.DRAFT) {
            return Optional.empty();
        }
        ApplicationListQuery plan;
        if (municipality != null) {
            plan = new ApplicationListQuery(DynamoDbTable.GSI1, DynamoDbTable.GSI1_PK, DynamoDbTable.GSI1_SK,
                    Keys.municipalityPk(municipality), "APP#", q);
            if (q.status() != null) {
                plan.filter("#status = :status", "#status", ApplicationItem.STATUS, ":status", s(q.status().name()));
            }
        } else if (q.status() != null) {
            plan = new ApplicationListQuery(DynamoDbTable.GSI2, DynamoDbTable.GSI2_PK, DynamoDbTable.GSI2_SK,
                    Keys.statusPk(q.status().name()), null, q);
        } else {
            plan = new ApplicationListQuery(DynamoDbTable.GSI3, DynamoDbTable.GSI3_PK, DynamoDbTable.GSI3_SK,
                    Keys.ALL_APPS, null, q);
        }
        if (q.year() != null) {
            plan.names.put("#plan", ApplicationItem.PLAN);
            plan.filter("contains(#plan.#years, :year)", "#years", ApplicationItem.YEARS, ":year", n(q.year()));
        }
        if (q.search() != null) {
            // items written before the search text was kept get it with their next change
            plan.filter("contains(#search, :search)", "#search", ApplicationItem.SEARCH, ":search", s(q.search()));
        }
        if (submittedOnly) {
            // no drafts, nor drafts withdrawn before they were ever submitted
            plan.filter("attribute_exists(#submittedAt)", "#submittedAt", ApplicationItem.SUBMITTED_AT, null, null);
            plan.filter("#status <> :draft", "#status", ApplicationItem.STATUS, ":draft", s(Status.DRAFT.name()));
        }
        return Optional.of(plan);
    }

    private void filter(String expression, String name, String attribute, String placeholder, AttributeValue value) {
        filters.add(expression);
        names.put(name, attribute);
        if (placeholder != null) {
            values.put(placeholder, value);
        }
    }

    boolean hasFilter() {
        return !filters.isEmpty();
    }

    /** The key attributes of a start key on this query's index. */
    Set<String> startKeyAttributes() {
        return Set.of(DynamoDbTable.PK, DynamoDbTable.SK, partitionAttribute, sortAttribute);
    }

    /** The token of a start key: only this caller's same query accepts it ({@link PageToken#scope}). */
    String token(Map<String, AttributeValue> startKey) {
        return PageToken.encode(startKey, scope);
    }

    /** The start key at the given item, so the next page begins right after it. */
    Map<String, AttributeValue> startKeyAt(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String attribute : startKeyAttributes()) {
            key.put(attribute, item.get(attribute));
        }
        return key;
    }

    /**
     * Decodes a page token of this query.
     *
     * @throws IllegalArgumentException when the token is malformed or belongs to another query
     */
    Map<String, AttributeValue> startKey(String token) {
        Map<String, AttributeValue> key = PageToken.decode(token, startKeyAttributes(), scope);
        if (key != null && !isApplicationKeyInRange(key)) {
            throw new IllegalArgumentException("nextToken does not belong to this query");
        }
        return key;
    }

    /**
     * Whether a start key is one {@link #startKeyAt} can have made: an application item's keys, in this query's
     * partition, its sort key of that item and within the query's range. DynamoDB refuses any other start key with an
     * error (a key out of range, empty or too long), which must not become a fault.
     */
    private boolean isApplicationKeyInRange(Map<String, AttributeValue> key) {
        String id = Keys.applicationIdIn(key.get(DynamoDbTable.PK).s());
        if (id == null || !APPLICATION_ID.matcher(id).matches()) {
            return false;
        }
        String sortKey = key.get(sortAttribute).s();
        String start = sortPrefix == null ? "" : sortPrefix;
        String end = "#" + id;
        return Keys.APP_SK.equals(key.get(DynamoDbTable.SK).s())
                && partitionValue.equals(key.get(partitionAttribute).s())
                && sortKey.length() > start.length() + end.length() && sortKey.startsWith(start) && sortKey.endsWith(end)
                && Attr.isSortable(sortKey.substring(start.length(), sortKey.length() - end.length()));
    }

    /** A request for one round, newest first unless the query asks for the oldest. */
    QueryRequest request(String tableName, int limit, Map<String, AttributeValue> startKey) {
        Map<String, String> allNames = new HashMap<>(names);
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allNames.put("#pk", partitionAttribute);
        allValues.put(":pk", s(partitionValue));
        String keyCondition = "#pk = :pk";
        if (sortPrefix != null) {
            allNames.put("#sk", sortAttribute);
            allValues.put(":prefix", s(sortPrefix));
            keyCondition += " AND begins_with(#sk, :prefix)";
        }
        QueryRequest.Builder b = QueryRequest.builder()
                .tableName(tableName)
                .indexName(indexName)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(allNames)
                .expressionAttributeValues(allValues)
                .scanIndexForward(oldestFirst)
                .limit(limit)
                .exclusiveStartKey(startKey);
        if (hasFilter()) {
            b.filterExpression(String.join(" AND ", filters));
        }
        return b.build();
    }
}
