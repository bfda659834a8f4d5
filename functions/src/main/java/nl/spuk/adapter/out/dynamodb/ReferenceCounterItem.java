package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.HashMap;
import java.util.Map;
import nl.spuk.domain.AwardReference;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A year's award reference counter ({@code PK=REFS#year, SK=REFS}, {@code lastSequence}): the last sequence number an
 * approved award of that year took. It moves only inside an approval's transaction and only from the number before
 * the award's own, so every number is taken once, by an award that was stored, and none is skipped.
 */
final class ReferenceCounterItem {
    static final String TYPE = "REFERENCE_COUNTER";
    static final String LAST = "lastSequence";

    private ReferenceCounterItem() {
    }

    static Map<String, AttributeValue> key(int year) {
        return Keys.key(Keys.referenceCounterPk(year), Keys.REFERENCE_COUNTER_SK);
    }

    /** Moves the counter to the reference's number, if it still stands right before it (none taken: no number yet). */
    static Update take(String tableName, AwardReference reference) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":n", n(reference.sequence()), ":type", s(TYPE),
                ":year", n(reference.year())));
        String condition;
        if (reference.sequence() == 1) {
            condition = "attribute_not_exists(#last)";
        } else {
            condition = "#last = :previous";
            values.put(":previous", n(reference.sequence() - 1));
        }
        return Update.builder()
                .tableName(tableName)
                .key(key(reference.year()))
                .updateExpression("SET #last = :n, #type = :type, #year = :year")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#last", LAST, "#type", "type", "#year", "year"))
                .expressionAttributeValues(values)
                .build();
    }

    /** The last sequence number taken; zero for no item. */
    static long last(Map<String, AttributeValue> item) {
        return item == null || !item.containsKey(LAST) ? 0 : Attr.num(item, LAST);
    }
}
