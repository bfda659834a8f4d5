package nl.spuk.application.port;

import java.util.List;

/** A page of results; {@code nextToken} is null on the last page. */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }
}
