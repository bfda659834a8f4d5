package nl.spuk.adapter.out.dynamodb;

import static nl.spuk.adapter.out.dynamodb.Attr.n;
import static nl.spuk.adapter.out.dynamodb.Attr.s;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.Figures;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Status;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One municipality's monitoring figures for one year ({@code PK=MON#year, SK=MUNI#code}): flat numbers, so that a
 * change's effect is one atomic {@code ADD} per figure and changes of different applications compose on the item.
 * An absent number is zero.
 */
final class FiguresItem {
    static final String TYPE = "MONITORING";
    static final String REQUESTED = "requestedCents";
    static final String AWARDED = "awardedCents";
    static final String REPORTED_SPENT = "reportedSpentCents";
    static final String RECLAIM = "reclaimCents";
    static final String SPENT_PREFIX = "spent_";
    static final String STATUS_PREFIX = "status_";
    static final String CODE = "municipalityCode";
    static final String YEAR = "year";

    private FiguresItem() {
    }

    static Map<String, AttributeValue> key(MunicipalityCode municipality, int year) {
        return Keys.key(Keys.monitoringPk(year), Keys.municipalityPk(municipality));
    }

    /** The whole aggregate, as a repair writes it. */
    static Map<String, AttributeValue> toItem(MunicipalityCode municipality, int year, Figures figures) {
        Map<String, AttributeValue> item = new HashMap<>(key(municipality, year));
        item.put("type", s(TYPE));
        item.put(CODE, s(municipality.value()));
        item.put(YEAR, n(year));
        numbers(figures).forEach((name, value) -> item.put(name, n(value)));
        return item;
    }

    /**
     * Adds the delta to the aggregate, creating it if missing. Only non-zero figures are named, so an update stays
     * small; {@code ADD} works on the stored value, so concurrent updates for other applications all count.
     *
     * @throws IllegalArgumentException for a zero delta (nothing to write)
     */
    static Update add(String tableName, MunicipalityCode municipality, int year, Figures delta) {
        Map<String, String> names = new HashMap<>(Map.of("#type", "type", "#code", CODE, "#year", YEAR));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", s(TYPE), ":code", s(municipality.value()),
                ":year", n(year)));
        List<String> additions = new ArrayList<>();
        numbers(delta).forEach((name, value) -> {
            if (value != 0) {
                int i = additions.size();
                names.put("#f" + i, name);
                values.put(":f" + i, n(value));
                additions.add("#f" + i + " :f" + i);
            }
        });
        if (additions.isEmpty()) {
            throw new IllegalArgumentException("a zero delta changes nothing");
        }
        return Update.builder()
                .tableName(tableName)
                .key(key(municipality, year))
                .updateExpression("SET #type = :type, #code = :code, #year = :year ADD " + String.join(", ", additions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    static MunicipalityCode municipality(Map<String, AttributeValue> item) {
        return new MunicipalityCode(Attr.str(item, CODE));
    }

    static Figures fromItem(Map<String, AttributeValue> item) {
        Map<AttentionPoint, Long> themes = new EnumMap<>(AttentionPoint.class);
        for (AttentionPoint p : AttentionPoint.values()) {
            themes.put(p, number(item, SPENT_PREFIX + p.name()));
        }
        Map<Status, Long> statuses = new EnumMap<>(Status.class);
        for (Status st : Status.values()) {
            statuses.put(st, number(item, STATUS_PREFIX + st.name()));
        }
        return new Figures(number(item, REQUESTED), number(item, AWARDED), number(item, REPORTED_SPENT),
                number(item, RECLAIM), themes, statuses);
    }

    /** Every figure by its attribute name, in a fixed order. */
    private static Map<String, Long> numbers(Figures f) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(REQUESTED, f.requestedCents());
        out.put(AWARDED, f.awardedCents());
        out.put(REPORTED_SPENT, f.reportedSpentCents());
        out.put(RECLAIM, f.reclaimCents());
        f.spentByTheme().forEach((p, cents) -> out.put(SPENT_PREFIX + p.name(), cents));
        f.applicationsByStatus().forEach((st, count) -> out.put(STATUS_PREFIX + st.name(), count));
        return out;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Attr.num(item, name) : 0;
    }
}
