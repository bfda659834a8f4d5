package nl.spuk.adapter.out.dynamodb;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.spuk.domain.YearAmounts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversions between Java values and attribute values. Absent (null) values are left out of items. */
final class Attr {
    /** Fixed width, so that sort keys built from instants order as the instants do. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Attr() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Puts the value unless it is null. */
    static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, LocalDate value) {
        if (value != null) {
            item.put(name, s(value.toString()));
        }
    }

    static void put(Map<String, AttributeValue> item, String name, Enum<?> value) {
        if (value != null) {
            item.put(name, s(value.name()));
        }
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    static LocalDate date(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : LocalDate.parse(v);
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Enum.valueOf(type, v);
    }

    /** An instant as a fixed-width string for sort keys ({@link Instant#toString()} varies in width). */
    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** Whether the text is exactly what {@link #sortable} makes of some instant. */
    static boolean isSortable(String text) {
        try {
            return sortable(Instant.from(SORTABLE.parse(text))).equals(text);
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Cents per year as a map from the year (as text) to a number. */
    static AttributeValue yearAmounts(YearAmounts amounts) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        amounts.asMap().forEach((year, cents) -> m.put(Integer.toString(year), n(cents)));
        return AttributeValue.fromM(m);
    }

    static YearAmounts yearAmounts(AttributeValue value) {
        if (value == null) {
            return YearAmounts.EMPTY;
        }
        Map<Integer, Long> amounts = new TreeMap<>();
        value.m().forEach((year, cents) -> amounts.put(Integer.parseInt(year), Long.parseLong(cents.n())));
        return YearAmounts.of(amounts);
    }

    static AttributeValue stringMap(Map<String, String> values) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }

    static Map<String, String> stringMap(AttributeValue value) {
        Map<String, String> m = new LinkedHashMap<>();
        if (value != null) {
            value.m().forEach((k, v) -> m.put(k, v.s()));
        }
        return m;
    }

    static AttributeValue numberList(List<Integer> values) {
        return AttributeValue.fromL(values.stream().map(v -> n(v)).toList());
    }

    static List<Integer> numberList(AttributeValue value) {
        return value == null ? List.of() : value.l().stream().map(v -> Integer.parseInt(v.n())).toList();
    }
}
