package nl.spuk.application;

/** The caller's If-Match names a version that is no longer current. */
public class VersionMismatchException extends RuntimeException {
    public VersionMismatchException(String message) {
        super(message);
    }
}
