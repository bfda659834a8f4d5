package nl.spuk.application;

/** The thing does not exist, or the caller may not know that it exists (answered alike). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
