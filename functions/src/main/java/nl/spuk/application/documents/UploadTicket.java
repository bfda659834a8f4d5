package nl.spuk.application.documents;

import java.net.URI;
import java.time.Instant;

/** The answer to announcing a document: its id and where to PUT its bytes, until when. */
public record UploadTicket(String documentId, URI uploadUrl, Instant expiresAt) {
}
