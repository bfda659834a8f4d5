package nl.spuk.application;

/** An announcement beyond what one application may hold: too many documents, or too many waiting for their upload. */
public class DocumentLimitException extends ConflictException {

    private DocumentLimitException(String message) {
        super(message);
    }

    public static DocumentLimitException tooManyDocuments(int max) {
        return new DocumentLimitException("the application holds " + max + " documents, the most it may hold");
    }

    public static DocumentLimitException tooManyWaiting(int max) {
        return new DocumentLimitException(max + " documents of the application are waiting for their upload, the most "
                + "at a time; upload those first or wait until their upload URLs have expired");
    }
}
