package nl.spuk.application.documents;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.spuk.application.Access;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentLimitException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.Page;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentRules;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Transition;

/**
 * Documents of an application: announced with their metadata, uploaded by the client straight to storage with a
 * presigned URL, checked by {@link nl.spuk.application.UploadCheck}, and downloaded from the checked copy.
 */
public final class DocumentService {
    public static final Duration DOWNLOAD_URL_VALID = Duration.ofMinutes(5);

    private final ApplicationRepository applications;
    private final DocumentRepository documents;
    private final DocumentStorage storage;
    private final Clock realClock;

    /** @param realClock real time: presigned URLs expire in real minutes, whatever the workflow clock says */
    public DocumentService(ApplicationRepository applications, DocumentRepository documents, DocumentStorage storage,
                           Clock realClock) {
        this.applications = applications;
        this.documents = documents;
        this.storage = storage;
        this.realClock = realClock;
    }

    public UploadTicket announce(Actor actor, RequestId requestId, String applicationId, String fileName, String contentType,
                                 long sizeBytes, DocumentKind kind) {
        Access.requireRole(actor, Role.MUNICIPALITY, Role.ADVISOR, Role.MINISTRY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        // a kind nobody uploads (a letter's) is a broken rule of the request (422 below), not a matter of role
        if (kind != null && DocumentKind.UPLOADABLE.contains(kind) && !DocumentKind.uploadableBy(actor.role()).contains(kind)) {
            throw new ForbiddenException("the role " + actor.role().groupName() + " may not upload a document of kind " + kind);
        }
        Transition.ADD_DOCUMENT.require(app.status());
        if (actor.is(Role.ADVISOR) && app.status() != Status.IN_REVIEW) {
            throw new ConflictException("written advice can be added while the application is in review");
        }
        List<FieldError> errors = DocumentRules.check(fileName, contentType, sizeBytes, kind);
        if (!errors.isEmpty()) {
            throw new RuleViolationException("the document cannot be accepted", errors);
        }
        var now = realClock.instant();
        // a repeatable request names its document, so that its retry finds the one its first attempt announced
        String documentId = requestId.newId("document");
        Document doc = new Document(applicationId, documentId, kind, DocumentRules.displayName(fileName),
                contentType, sizeBytes, DocumentStatus.PENDING_UPLOAD, null, now, null, actor.id(), actor.role().name(),
                null, null, actor.name());
        PresignedUrl url = storage.presignUpload(doc.uploadKey(), contentType, sizeBytes, DocumentRules.UPLOAD_WINDOW);
        try {
            documents.add(doc, AuditEvent.of(actor, now, "DOCUMENT_ANNOUNCED", null, null,
                    Map.of("documentId", doc.documentId(), "kind", kind.name(), "fileName", doc.fileName())),
                    DocumentRules.MAX_DOCUMENTS_PER_APPLICATION, DocumentRules.MAX_WAITING_FOR_UPLOAD);
        } catch (DocumentLimitException e) {
            throw e; // a limit reached is no repeat of this request
        } catch (ConflictException e) {
            boolean announcedByThisRequest = requestId.repeatable()
                    && documents.find(applicationId, documentId).filter(d -> d.status() == DocumentStatus.PENDING_UPLOAD
                    && d.kind() == kind && d.fileName().equals(doc.fileName()) && d.contentType().equals(contentType)
                    && d.sizeBytes() == sizeBytes && d.uploadedBy().equals(actor.id())).isPresent();
            if (!announcedByThisRequest) {
                throw e;
            }
        }
        return new UploadTicket(doc.documentId(), url.url(), url.expiresAt());
    }

    /**
     * A page of the application's documents, oldest first.
     *
     * @throws IllegalArgumentException when the token is not one this list gave out
     */
    public Page<Document> list(Actor actor, String applicationId, int limit, String nextToken) {
        Access.visible(actor, applications.find(applicationId).orElse(null));
        return documents.list(applicationId, limit, nextToken);
    }

    /**
     * Removes a document the municipality added, while it drafts or revises the application: its record (the
     * application's counts lose it, with an audit event, in one conditional write) and then its bytes, the upload and
     * the checked copy. A repeat answers as the first did and removes what storage may still hold.
     */
    public void delete(Actor actor, String applicationId, String documentId) {
        Access.requireRole(actor, Role.MUNICIPALITY);
        Application app = Access.visible(actor, applications.find(applicationId).orElse(null));
        if (!Transition.EDIT.allows(app.status())) {
            throw new ConflictException("Documenten kunnen alleen worden verwijderd zolang de aanvraag wordt opgesteld "
                    + "of aangepast; deze aanvraag is " + app.status() + ".");
        }
        Document doc = documents.find(applicationId, documentId).orElse(null);
        if (doc == null) {
            // a repeat: what storage may still hold of the removed document goes now
            deleteBytes(documents.removed(applicationId, documentId)
                    .orElseThrow(() -> new NotFoundException("no such document")));
            return;
        }
        // letters are the ministry's, like the documents the advisory team and the ministry added
        if (!Role.MUNICIPALITY.name().equals(doc.uploadedByRole())) {
            throw new ConflictException("Alleen documenten die de gemeente zelf heeft toegevoegd kunnen worden verwijderd.");
        }
        var now = realClock.instant();
        Set<Status> editable = EnumSet.allOf(Status.class).stream().filter(Transition.EDIT::allows)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Status.class)));
        documents.remove(doc, AuditEvent.of(actor, now, "DOCUMENT_DELETED", null, null,
                Map.of("documentId", doc.documentId(), "kind", doc.kind().name(), "fileName", doc.fileName())), editable);
        deleteBytes(doc);
    }

    private void deleteBytes(Document removed) {
        storage.delete(removed.uploadKey());
        if (removed.contentKey() != null) {
            storage.delete(removed.contentKey());
        }
    }

    public PresignedUrl download(Actor actor, String applicationId, String documentId) {
        Access.visible(actor, applications.find(applicationId).orElse(null));
        Document doc = documents.find(applicationId, documentId)
                .orElseThrow(() -> new NotFoundException("no such document"));
        // an AVAILABLE document without a checked copy was checked before copies were kept: its upload key could
        // serve other bytes than its hash describes, so it is not served
        if (doc.status() != DocumentStatus.AVAILABLE || doc.contentKey() == null) {
            throw new ConflictException("the document is " + doc.status() + ", not available for download");
        }
        return storage.presignDownload(doc.contentKey(), doc.fileName(), doc.contentType(), DOWNLOAD_URL_VALID);
    }
}
