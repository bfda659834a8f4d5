package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.Map;
import nl.spuk.domain.MunicipalityCode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A municipality's running total of free advisory hours ({@code PK=MUNI#code, SK=HOURS}, {@code usedQuarterHours}).
 * It is only ever raised by an update that carries the cap in its condition, so concurrent bookings cannot pass it.
 */
final class HoursLedgerItem {
    static final String TYPE = "HOURS_LEDGER";
    static final String USED = "usedQuarterHours";
    static final String CODE = "municipalityCode";

    private HoursLedgerItem() {
    }

    static Map<String, AttributeValue> key(MunicipalityCode municipality) {
        return Keys.key(Keys.municipalityPk(municipality), Keys.HOURS_LEDGER_SK);
    }

    /**
     * Adds {@code quarterHours} if the total stays at most {@code capQuarterHours}. Conditions cannot add, so the
     * condition compares the stored total with {@code cap - quarterHours}; a missing total is zero.
     */
    static Update book(String tableName, MunicipalityCode municipality, int quarterHours, int capQuarterHours) {
        return Update.builder()
                .tableName(tableName)
                .key(key(municipality))
                .updateExpression("SET #used = if_not_exists(#used, :zero) + :q, #type = :type, #code = :code")
                .conditionExpression("attribute_not_exists(#used) OR #used <= :max")
                .expressionAttributeNames(Map.of("#used", USED, "#type", "type", "#code", CODE))
                .expressionAttributeValues(Map.of(":zero", n(0), ":q", n(quarterHours),
                        ":max", n(capQuarterHours - quarterHours), ":type", s(TYPE),
                        ":code", s(municipality.value())))
                .build();
    }

    static MunicipalityCode municipality(Map<String, AttributeValue> item) {
        return new MunicipalityCode(Attr.str(item, CODE));
    }

    /** The quarter hours used; zero for no item. */
    static int used(Map<String, AttributeValue> item) {
        return item == null || !item.containsKey(USED) ? 0 : (int) Attr.num(item, USED);
    }
}
