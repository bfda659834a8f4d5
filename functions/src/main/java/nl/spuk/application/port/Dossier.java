package nl.spuk.application.port;

import java.util.List;
import java.util.Objects;
import nl.spuk.domain.Application;
import nl.spuk.domain.Document;

/**
 * An application with its documents, as one read of the store returned them.
 *
 * @param documents the application's documents, oldest first
 */
public record Dossier(Application application, List<Document> documents) {

    public Dossier {
        Objects.requireNonNull(application, "application");
        documents = List.copyOf(documents);
        for (Document d : documents) {
            if (!d.applicationId().equals(application.id())) {
                throw new IllegalArgumentException("document " + d.documentId() + " belongs to " + d.applicationId()
                        + ", not to " + application.id());
            }
        }
    }
}
