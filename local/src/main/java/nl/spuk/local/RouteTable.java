package nl.spuk.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches a request to a route the way API Gateway HTTP API does for routes with path variables: a literal
 * segment wins over a variable in the same place, segment by segment from the left, and a variable matches
 * exactly one non-empty segment.
 *
 * @param <T> what a route leads to (the handler that serves it)
 */
final class RouteTable<T> {

    /** A matched route: its key, what it leads to, and its path parameters url-decoded. */
    record Match<T>(String routeKey, T target, Map<String, String> pathParameters) {
    }

    private record Entry<T>(String method, String path, List<String> segments, T target) {
        boolean isVariable(int i) {
            return isVariableSegment(segments.get(i));
        }
    }

    private final List<Entry<T>> entries;

    private RouteTable(List<Entry<T>> entries) {
        this.entries = entries;
    }

    /**
     * @param routes target per route key ({@code METHOD /path/{var}})
     */
    static <T> RouteTable<T> of(Map<String, T> routes) {
        List<Entry<T>> entries = new ArrayList<>();
        routes.forEach((key, target) -> {
            String[] parts = key.split(" ", 2);
            entries.add(new Entry<>(parts[0], parts[1], segments(parts[1]), target));
        });
        entries.sort(RouteTable::mostSpecificFirst);
        return new RouteTable<>(List.copyOf(entries));
    }

    private static <T> int mostSpecificFirst(Entry<T> a, Entry<T> b) {
        int n = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < n; i++) {
            boolean va = a.isVariable(i);
            boolean vb = b.isVariable(i);
            if (va != vb) {
                return va ? 1 : -1;
            }
        }
        return Comparator.<Entry<T>>comparingInt(e -> e.segments().size()).thenComparing(Entry::path).compare(a, b);
    }

    /** The route keys served, e.g. {@code GET /applications/{id}}. */
    Set<String> routeKeys() {
        return entries.stream().map(e -> e.method() + " " + e.path()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * @param rawPath the request path as received, still percent-encoded
     */
    Optional<Match<T>> match(String method, String rawPath) {
        List<String> requested = segments(rawPath);
        for (Entry<T> entry : entries) {
            if (!entry.method().equals(method) || entry.segments().size() != requested.size()) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < requested.size() && matches; i++) {
                String expected = entry.segments().get(i);
                String actual = decode(requested.get(i));
                if (isVariableSegment(expected)) {
                    matches = !actual.isEmpty();
                    parameters.put(expected.substring(1, expected.length() - 1), actual);
                } else {
                    matches = expected.equals(actual);
                }
            }
            if (matches) {
                return Optional.of(new Match<>(entry.method() + " " + entry.path(), entry.target(), parameters));
            }
        }
        return Optional.empty();
    }

    private static boolean isVariableSegment(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> segments(String path) {
        // "/a/b/" has three segments, the last one empty, so that a trailing slash never matches "/a/b"
        return List.of(path.substring(1).split("/", -1));
    }

    private static String decode(String segment) {
        // a path segment is percent-encoded, and "+" in it is a plus, not a space
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
