package nl.spuk.application;

/** The stored record changed since it was read: another request won the race. */
public class ConcurrentChangeException extends ConflictException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
