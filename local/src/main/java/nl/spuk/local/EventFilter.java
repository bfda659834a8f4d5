package nl.spuk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event filtering of a Lambda event source mapping ({@code FilterCriteria}), as far as the template uses it: an
 * event passes when any filter's pattern matches it. A pattern is a JSON object whose fields name the event's fields;
 * an object goes one level down, an array lists what the event's value may be: a string, number or null that equals
 * it, or {@code {"prefix": "..."}}, {@code {"exists": true|false}}, {@code {"anything-but": [...]}}. A matcher this
 * class does not know is refused when the pattern is read, so local mode never filters differently from AWS unnoticed.
 */
final class EventFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> patterns;

    private EventFilter(List<JsonNode> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The filter of an event's {@code FilterCriteria} property; none (everything passes) when it has none. */
    static EventFilter of(Object filterCriteria) {
        List<JsonNode> patterns = new ArrayList<>();
        if (filterCriteria instanceof Map<?, ?> criteria && criteria.get("Filters") instanceof List<?> filters) {
            for (Object filter : filters) {
                if (filter instanceof Map<?, ?> f && f.get("Pattern") instanceof String pattern) {
                    patterns.add(parse(pattern));
                } else {
                    throw new IllegalArgumentException("a filter needs a literal Pattern: " + filter);
                }
            }
        }
        return new EventFilter(patterns);
    }

    static EventFilter ofPatterns(String... patterns) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String p : patterns) {
            parsed.add(parse(p));
        }
        return new EventFilter(parsed);
    }

    /** Whether the event (as the JSON Lambda would filter) passes. */
    boolean matches(JsonNode event) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> matchesObject(p, event));
    }

    private static JsonNode parse(String pattern) {
        try {
            JsonNode node = JSON.readTree(pattern);
            check(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON filter pattern: " + pattern, e);
        }
    }

    private static void check(JsonNode pattern) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException("a filter pattern is an object: " + pattern);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isObject()) {
                check(value);
            } else if (value.isArray()) {
                for (JsonNode alternative : value) {
                    if (alternative.isObject()) {
                        String matcher = alternative.fieldNames().hasNext() ? alternative.fieldNames().next() : "";
                        if (!List.of("prefix", "exists", "anything-but").contains(matcher)) {
                            throw new IllegalArgumentException("local mode does not know the filter matcher " + alternative);
                        }
                    }
                }
            } else {
                throw new IllegalArgumentException("a pattern's values are objects or arrays: " + value);
            }
        }
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = event == null ? null : event.get(field.getKey());
            JsonNode expected = field.getValue();
            boolean ok = expected.isObject() ? value != null && value.isObject() && matchesObject(expected, value)
                    : matchesAny(expected, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode alternatives, JsonNode value) {
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject() && alternative.has("exists")) {
                if (alternative.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
            } else if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (matchesOne(alternative, element)) {
                        return true;
                    }
                }
            } else if (value != null && matchesOne(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode alternative, JsonNode value) {
        if (alternative.isObject() && alternative.has("prefix")) {
            return value.isTextual() && value.asText().startsWith(alternative.get("prefix").asText());
        }
        if (alternative.isObject() && alternative.has("anything-but")) {
            JsonNode excluded = alternative.get("anything-but");
            if (excluded.isArray()) {
                for (JsonNode e : excluded) {
                    if (equal(e, value)) {
                        return false;
                    }
                }
                return true;
            }
            return !equal(excluded, value);
        }
        return equal(alternative, value);
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.equals(value);
    }
}
