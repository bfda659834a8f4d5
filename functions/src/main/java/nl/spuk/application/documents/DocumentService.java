package nl.spuk.application.documents;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.application.Access;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.port.DocumentRepository;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.port.StoredObject;
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
 * presigned URL, and confirmed when storage reports the object (checked against what was announced).
 */
public final class DocumentService {
    public static final Duration UPLOAD_URL_VALID = Duration.ofMinutes(15);
    public static final Duration DOWNLOAD_URL_VALID = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger(DocumentService.class.getName());

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
        if (kind != null && !DocumentKind.uploadableBy(actor.role()).contains(kind)) {
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
                contentType, sizeBytes, DocumentStatus.PENDING_UPLOAD, null, now, null, actor.id(), actor.role().name());
        PresignedUrl url = storage.presignUpload(doc.storageKey(), contentType, sizeBytes, UPLOAD_URL_VALID);
        try {
            documents.add(doc, AuditEvent.of(actor, now, "DOCUMENT_ANNOUNCED", null, null,
                    Map.of("documentId", doc.documentId(), "kind", kind.name(), "fileName", doc.fileName())));
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

    public List<Document> list(Actor actor, String applicationId) {
        Access.visible(actor, applications.find(applicationId).orElse(null));
        return documents.list(applicationId);
    }

    public PresignedUrl download(Actor actor, String applicationId, String documentId) {
        Access.visible(actor, applications.find(applicationId).orElse(null));
        Document doc = documents.find(applicationId, documentId)
                .orElseThrow(() -> new NotFoundException("no such document"));
        if (doc.status() != DocumentStatus.AVAILABLE) {
            throw new ConflictException("the document is " + doc.status() + ", not available for download");
        }
        return storage.presignDownload(doc.storageKey(), doc.fileName(), doc.contentType(), DOWNLOAD_URL_VALID);
    }

    /**
     * Storage reports an object under a document's key: it becomes AVAILABLE when size and type match what was
     * announced, otherwise REJECTED and the object is removed. A repeated report changes nothing.
     */
    public Optional<Document> confirmUpload(String storageKey) {
        String[] parts = storageKey.split("/");
        if (parts.length != 4 || !parts[0].equals("applications") || !parts[2].equals("documents")) {
            LOG.log(System.Logger.Level.DEBUG, "not an upload: {0}", storageKey);
            return Optional.empty();
        }
        Optional<Document> announced = documents.find(parts[1], parts[3]);
        if (announced.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "removing an object no document was announced for: {0}", storageKey);
            storage.delete(storageKey);
            return Optional.empty();
        }
        Document doc = announced.get();
        if (doc.status() != DocumentStatus.PENDING_UPLOAD) {
            return Optional.of(doc);
        }
        Optional<StoredObject> stored = storage.inspect(storageKey);
        if (stored.isEmpty()) {
            return Optional.of(doc);
        }
        var now = realClock.instant();
        StoredObject object = stored.get();
        boolean matches = object.sizeBytes() == doc.sizeBytes() && doc.contentType().equals(object.contentType());
        Document settled = matches ? doc.available(object.sha256(), now) : doc.rejected(now);
        AuditEvent event = new AuditEvent(now, doc.uploadedBy(), doc.uploadedBy(), Role.valueOf(doc.uploadedByRole()),
                matches ? "DOCUMENT_UPLOADED" : "DOCUMENT_REJECTED", null, null,
                matches ? Map.of("documentId", doc.documentId(), "sha256", object.sha256())
                        : Map.of("documentId", doc.documentId(), "reason", "size or content type differs from the announcement"));
        if (!documents.settle(settled, event)) {
            return documents.find(doc.applicationId(), doc.documentId()); // a repeated report settled it meanwhile
        }
        if (!matches) {
            storage.delete(storageKey);
        }
        return Optional.of(settled);
    }
}
