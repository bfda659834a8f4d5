package nl.spuk.application.drafting;

import java.util.List;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;

/**
 * What a submission hands its step: the application's documents, which the command read together with the
 * application, so the completeness check does not read them again.
 */
public record Submission(List<Document> documents) {

    public Submission {
        documents = List.copyOf(documents);
    }

    /**
     * Whether the plan has been uploaded: a document of kind PLAN that the upload check found as announced
     * (AVAILABLE). One still pending or rejected does not count, nor one of another kind.
     */
    public boolean planUploaded() {
        return documents.stream().anyMatch(d -> d.kind() == DocumentKind.PLAN && d.status() == DocumentStatus.AVAILABLE);
    }
}
