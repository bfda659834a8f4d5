package nl.spuk.application;

import java.util.Map;

/** The request conflicts with the current state or with a concurrent request. */
public class ConflictException extends RuntimeException {
    private final Map<String, Object> members;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    /** @param members extra top-level members of the problem answer, such as {@code remainingHours} */
    public ConflictException(String message, Map<String, Object> members) {
        super(message);
        this.members = Map.copyOf(members);
    }

    public Map<String, Object> members() {
        return members;
    }
}
