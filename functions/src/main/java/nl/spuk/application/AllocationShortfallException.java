package nl.spuk.application;

/**
 * A change that needs an allocation of a certain size (an {@link nl.spuk.application.port.AllocationRequirement})
 * found it missing or smaller, and was not written.
 */
public class AllocationShortfallException extends ConflictException {
    public AllocationShortfallException(String message) {
        super(message);
    }
}
