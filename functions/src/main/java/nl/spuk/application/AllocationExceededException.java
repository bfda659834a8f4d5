package nl.spuk.application;

/** An award that no longer fits in the year's allocation (another award took the room meanwhile). */
public class AllocationExceededException extends ConflictException {
    public AllocationExceededException(String message) {
        super(message);
    }
}
