package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.Map;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.AllocationRequirement;
import nl.spuk.domain.MunicipalityCode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A municipality's allocation for one year ({@code PK=MUNI#code, SK=ALLOC#year}): the amount, what approved awards
 * committed of it, and the headroom left ({@code amountCents - committedCents}). The headroom is stored because a
 * condition cannot subtract: an award's condition compares it with the award. Every write keeps
 * {@code amountCents = committedCents + headroomCents}, using update arithmetic on the stored values, so a
 * commitment and a change of the amount never overwrite each other.
 */
final class AllocationItem {
    static final String TYPE = "ALLOCATION";
    static final String CODE = "municipalityCode";
    static final String YEAR = "year";
    static final String AMOUNT = "amountCents";
    static final String COMMITTED = "committedCents";
    static final String HEADROOM = "headroomCents";

    private AllocationItem() {
    }

    static Map<String, AttributeValue> key(MunicipalityCode municipality, int year) {
        return Keys.key(Keys.municipalityPk(municipality), Keys.allocationSk(year));
    }

    /**
     * Creates or replaces the amount, keeping what is committed; refused (with the old item returned) when the
     * amount would fall below what is committed.
     */
    static UpdateItemRequest set(String tableName, Allocation a) {
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(a.municipality(), a.year()))
                .updateExpression("SET #amount = :a, #headroom = :a - if_not_exists(#committed, :zero), "
                        + "#committed = if_not_exists(#committed, :zero), #type = :type, #code = :code, #year = :year, "
                        + "#gsi2pk = :gsi2pk, #gsi2sk = :gsi2sk")
                .conditionExpression("attribute_not_exists(#committed) OR #committed <= :a")
                .expressionAttributeNames(Map.of("#amount", AMOUNT, "#headroom", HEADROOM, "#committed", COMMITTED,
                        "#type", "type", "#code", CODE, "#year", YEAR,
                        "#gsi2pk", DynamoDbTable.GSI2_PK, "#gsi2sk", DynamoDbTable.GSI2_SK))
                .expressionAttributeValues(Map.of(":a", n(a.amountCents()), ":zero", n(0), ":type", s(TYPE),
                        ":code", s(a.municipality().value()), ":year", n(a.year()),
                        ":gsi2pk", s(Keys.ALL_ALLOCATIONS), ":gsi2sk", s(a.municipality().value() + "#" + a.year())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Takes the commitment out of the headroom; fails when the headroom is smaller, or there is no allocation. */
    static Update commit(String tableName, AllocationCommitment c) {
        return Update.builder()
                .tableName(tableName)
                .key(key(c.municipality(), c.year()))
                .updateExpression("SET #committed = if_not_exists(#committed, :zero) + :c, #headroom = #headroom - :c")
                .conditionExpression("#headroom >= :c")
                .expressionAttributeNames(Map.of("#committed", COMMITTED, "#headroom", HEADROOM))
                .expressionAttributeValues(Map.of(":c", n(c.cents()), ":zero", n(0)))
                .build();
    }

    /** Checks, without writing, that the allocation exists and is at least the amount required. */
    static ConditionCheck covers(String tableName, AllocationRequirement r) {
        return ConditionCheck.builder()
                .tableName(tableName)
                .key(key(r.municipality(), r.year()))
                .conditionExpression("attribute_exists(#amount) AND #amount >= :needed")
                .expressionAttributeNames(Map.of("#amount", AMOUNT))
                .expressionAttributeValues(Map.of(":needed", n(r.atLeastCents())))
                .build();
    }

    static MunicipalityCode municipality(Map<String, AttributeValue> item) {
        return new MunicipalityCode(Attr.str(item, CODE));
    }

    static int year(Map<String, AttributeValue> item) {
        return (int) Attr.num(item, YEAR);
    }

    static long amount(Map<String, AttributeValue> item) {
        return Attr.num(item, AMOUNT);
    }

    /** What approved awards took; zero when nothing was committed yet. */
    static long committed(Map<String, AttributeValue> item) {
        return item.containsKey(COMMITTED) ? Attr.num(item, COMMITTED) : 0;
    }

    /** The room left; zero for no item. */
    static long headroom(Map<String, AttributeValue> item) {
        return item == null || !item.containsKey(HEADROOM) ? 0 : Attr.num(item, HEADROOM);
    }
}
