package nl.spuk.application;

/**
 * The reference an award was to get is no longer the next of its year: another award was approved first. Nothing was
 * written; the approval takes the next number and tries again.
 */
public class ReferenceTakenException extends ConcurrentChangeException {
    public ReferenceTakenException(String message) {
        super(message);
    }
}
