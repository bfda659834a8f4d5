package nl.spuk.application.documents;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.COLLEAGUE;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PDF;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.once;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.InMemoryDocumentStorage;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.port.PresignedUrl;
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
import org.junit.jupiter.api.Test;

class DocumentServiceTest {
    private final Scenario s = new Scenario();

    private UploadTicket announcePlan(String applicationId) {
        return s.documentService.announce(OFFICIAL, once(), applicationId, "plan.pdf", "application/pdf", PDF.length,
                DocumentKind.PLAN);
    }

    private String key(String applicationId, String documentId) {
        return "applications/" + applicationId + "/documents/" + documentId;
    }

    @Test
    void announcingStoresAPendingDocumentAndHandsOutAFifteenMinuteUploadUrl() {
        Application draft = s.draft();

        UploadTicket ticket = s.documentService.announce(OFFICIAL, once(), draft.id(), "C:\\stukken\\plan 2025.pdf",
                "application/pdf", 1234, DocumentKind.PLAN);

        assertThat(ticket.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(ticket.uploadUrl().toString()).contains(key(draft.id(), ticket.documentId()));
        Document doc = s.documents.find(draft.id(), ticket.documentId()).orElseThrow();
        assertThat(doc.status()).isEqualTo(DocumentStatus.PENDING_UPLOAD);
        assertThat(doc.fileName()).isEqualTo("plan 2025.pdf");
        assertThat(doc.sizeBytes()).isEqualTo(1234);
        assertThat(doc.uploadedBy()).isEqualTo(OFFICIAL.id());
        assertThat(doc.uploadKey()).isEqualTo(key(draft.id(), ticket.documentId()));
        AuditEvent announced = s.applications.history(draft.id()).get(1);
        assertThat(announced.action()).isEqualTo("DOCUMENT_ANNOUNCED");
        assertThat(announced.details()).containsEntry("kind", "PLAN").containsEntry("fileName", "plan 2025.pdf");
    }

    @Test
    void eachRoleUploadsItsOwnKinds() {
        Application inReview = s.inReview();

        assertThatThrownBy(() -> s.documentService.announce(OFFICIAL, once(), inReview.id(), "advies.pdf", "application/pdf",
                10, DocumentKind.ADVICE)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.documentService.announce(ADVISOR, once(), inReview.id(), "plan.pdf", "application/pdf",
                10, DocumentKind.PLAN)).isInstanceOf(ForbiddenException.class);
        // a letter's kind nobody uploads: a broken rule of the request, not a matter of role
        assertThatThrownBy(() -> s.documentService.announce(PROPOSER, once(), inReview.id(), "besluit.pdf",
                "application/pdf", 10, DocumentKind.DECISION)).isInstanceOf(RuleViolationException.class);
        assertThat(s.documentService.announce(ADVISOR, once(), inReview.id(), "advies.pdf", "application/pdf", 10,
                DocumentKind.ADVICE).documentId()).isNotBlank();
    }

    @Test
    void writtenAdviceIsAddedOnlyWhileTheApplicationIsInReview() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.documentService.announce(ADVISOR, once(), advised.id(), "advies.pdf", "application/pdf",
                10, DocumentKind.ADVICE)).isInstanceOf(ConflictException.class).hasMessageContaining("in review");
    }

    @Test
    void aDraftIsHiddenFromAdvisorsAndEveryApplicationFromOtherMunicipalities() {
        Application draft = s.draft();

        assertThatThrownBy(() -> s.documentService.announce(ADVISOR, once(), draft.id(), "advies.pdf", "application/pdf",
                10, DocumentKind.ADVICE)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.documentService.announce(UTRECHT_OFFICIAL, once(), draft.id(), "plan.pdf",
                "application/pdf", 10, DocumentKind.PLAN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.documentService.list(UTRECHT_OFFICIAL, draft.id(), 100, null)).isInstanceOf(NotFoundException.class);
        assertThat(s.documents.list(draft.id())).isEmpty();
    }

    @Test
    void aWithdrawnApplicationTakesNoMoreDocuments() {
        Application draft = s.draft();
        s.lifecycle.withdraw(OFFICIAL, once(), draft.id(), "weg");

        assertThatThrownBy(() -> announcePlan(draft.id())).isInstanceOf(Transition.NotAllowed.class);
    }

    @Test
    void aBadAnnouncementIsRefusedNamingEveryField() {
        Application draft = s.draft();

        assertThatThrownBy(() -> s.documentService.announce(OFFICIAL, once(), draft.id(), "plan.exe", "application/x-msdownload",
                0, DocumentKind.PLAN)).isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactlyInAnyOrder("contentType", "sizeBytes"));
        assertThatThrownBy(() -> s.documentService.announce(OFFICIAL, once(), draft.id(), "plan.docx", "application/pdf",
                DocumentRules.MAX_BYTES + 1, null)).isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactlyInAnyOrder("fileName", "sizeBytes", "kind"));
        assertThat(s.documents.list(draft.id())).isEmpty();
    }

    @Test
    void theRetryOfARepeatableAnnouncementFindsTheDocumentItsFirstAttemptAnnounced() {
        Application draft = s.draft();
        RequestId request = RequestId.repeatable("announce-1");
        UploadTicket first = s.documentService.announce(OFFICIAL, request, draft.id(), "plan.pdf", "application/pdf", 10,
                DocumentKind.PLAN);
        s.clock.advance(Duration.ofSeconds(30));

        UploadTicket retry = s.documentService.announce(OFFICIAL, request, draft.id(), "plan.pdf", "application/pdf", 10,
                DocumentKind.PLAN);

        assertThat(retry.documentId()).isEqualTo(first.documentId());
        assertThat(retry.expiresAt()).isEqualTo(T0.plusSeconds(30).plus(Duration.ofMinutes(15)));
        assertThat(s.documents.list(draft.id())).hasSize(1);
        assertThat(s.applications.count(draft.id(), "DOCUMENT_ANNOUNCED")).isEqualTo(1);
    }

    @Test
    void aRepeatedKeyCannotReplaceADocumentAnotherUserAnnounced() {
        Application draft = s.draft();
        RequestId request = RequestId.repeatable("announce-1");
        s.documentService.announce(OFFICIAL, request, draft.id(), "plan.pdf", "application/pdf", 10, DocumentKind.PLAN);
        s.clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> s.documentService.announce(COLLEAGUE, request, draft.id(), "plan.pdf", "application/pdf",
                10, DocumentKind.PLAN)).isInstanceOf(ConflictException.class);
    }

    @Test
    void anUploadMatchingItsAnnouncementBecomesAvailableWithItsDigestOnce() {
        Application draft = s.draft();
        UploadTicket ticket = announcePlan(draft.id());
        s.storage.upload(key(draft.id(), ticket.documentId()), PDF, "application/pdf");
        s.clock.advance(Duration.ofMinutes(1));

        Optional<Document> confirmed = s.uploads.confirmUpload(key(draft.id(), ticket.documentId()));
        Optional<Document> repeated = s.uploads.confirmUpload(key(draft.id(), ticket.documentId()));

        assertThat(confirmed).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DocumentStatus.AVAILABLE);
            assertThat(d.sha256()).isEqualTo(InMemoryDocumentStorage.sha256(PDF));
            assertThat(d.uploadedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        });
        assertThat(repeated).isEqualTo(confirmed);
        assertThat(s.applications.count(draft.id(), "DOCUMENT_UPLOADED")).isEqualTo(1);
        AuditEvent uploaded = s.applications.history(draft.id()).get(2);
        assertThat(uploaded.actorId()).isEqualTo(OFFICIAL.id());
        assertThat(uploaded.role()).isEqualTo(Role.MUNICIPALITY);
    }

    @Test
    void anUploadDifferingFromItsAnnouncementIsRejectedAndRemoved() {
        Application draft = s.draft();
        UploadTicket ticket = announcePlan(draft.id());
        String key = key(draft.id(), ticket.documentId());
        s.storage.putObject(key, "not what was announced".getBytes(), "text/plain");

        Optional<Document> confirmed = s.uploads.confirmUpload(key);

        assertThat(confirmed).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DocumentStatus.REJECTED));
        assertThat(s.storage.get(key)).isEmpty();
        assertThat(s.applications.count(draft.id(), "DOCUMENT_REJECTED")).isEqualTo(1);
    }

    @Test
    void anObjectNoDocumentWasAnnouncedForIsRemoved() {
        Application draft = s.draft();
        String key = key(draft.id(), "never-announced");
        s.storage.putObject(key, PDF, "application/pdf");

        assertThat(s.uploads.confirmUpload(key)).isEmpty();
        assertThat(s.storage.get(key)).isEmpty();
    }

    @Test
    void aLetterOrAStrayKeyIsNoUploadAndIsLeftAlone() {
        s.storage.putObject("letters/a-1/award-letter", PDF, "application/pdf");

        assertThat(s.uploads.confirmUpload("letters/a-1/award-letter")).isEmpty();
        assertThat(s.uploads.confirmUpload("applications/a-1/documents/d-1/extra")).isEmpty();
        assertThat(s.storage.get("letters/a-1/award-letter")).isPresent();
    }

    @Test
    void aReportBeforeTheBytesArriveLeavesTheDocumentPending() {
        Application draft = s.draft();
        UploadTicket ticket = announcePlan(draft.id());

        assertThat(s.uploads.confirmUpload(key(draft.id(), ticket.documentId())))
                .hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DocumentStatus.PENDING_UPLOAD));
    }

    @Test
    void onlyAnAvailableDocumentCanBeDownloadedAndOnlyByThoseWhoSeeTheApplication() {
        Application draft = s.draft();
        String available = s.uploadPlan(OFFICIAL, draft.id());
        UploadTicket pending = announcePlan(draft.id());

        PresignedUrl url = s.documentService.download(COLLEAGUE, draft.id(), available);

        assertThat(url.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        // the checked copy, which no upload URL reaches, not the upload key
        String checked = s.documents.find(draft.id(), available).orElseThrow().contentKey();
        assertThat(checked).startsWith("checked/" + draft.id() + "/" + available + "/");
        assertThat(url.url().toString()).contains(checked).doesNotContain(key(draft.id(), available)).contains("plan.pdf");
        assertThatThrownBy(() -> s.documentService.download(OFFICIAL, draft.id(), pending.documentId()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PENDING_UPLOAD");
        assertThatThrownBy(() -> s.documentService.download(OFFICIAL, draft.id(), "no-such-document"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.documentService.download(UTRECHT_OFFICIAL, draft.id(), available))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theListIsOldestFirst() {
        Application draft = s.draft();
        String first = s.uploadPlan(OFFICIAL, draft.id());
        s.clock.advance(Duration.ofSeconds(1));
        String second = s.upload(OFFICIAL, draft.id(), DocumentKind.BUDGET, "begroting.pdf", PDF);

        List<Document> listed = s.documentService.list(OFFICIAL, draft.id(), 100, null).items();

        assertThat(listed).extracting(Document::documentId).containsExactly(first, second);
    }

    @Test
    void aDraftsOwnUploadIsRemovedWithItsBytesAndHistoryAndNoLongerCounts() {
        Application draft = s.draft();
        String plan = s.uploadPlan(OFFICIAL, draft.id());
        Document stored = s.documents.find(draft.id(), plan).orElseThrow();
        UploadTicket waiting = announcePlan(draft.id());

        s.documentService.delete(OFFICIAL, draft.id(), plan);
        s.documentService.delete(COLLEAGUE, draft.id(), waiting.documentId());
        s.storage.putObject(stored.contentKey(), PDF, "application/pdf"); // as if storage had failed the first time
        s.documentService.delete(OFFICIAL, draft.id(), plan); // a repeat removes what storage still held, nothing else

        assertThat(s.documents.list(draft.id())).isEmpty();
        assertThat(s.storage.get(stored.contentKey())).isEmpty();
        assertThat(s.storage.keys()).noneMatch(k -> k.contains(draft.id()));
        assertThat(s.applications.history(draft.id())).extracting(AuditEvent::action)
                .containsSubsequence("DOCUMENT_ANNOUNCED", "DOCUMENT_DELETED", "DOCUMENT_DELETED")
                .filteredOn("DOCUMENT_DELETED"::equals).hasSize(2);
        // both counts are lowered: the application takes the full number again
        for (int i = 0; i < DocumentRules.MAX_WAITING_FOR_UPLOAD; i++) {
            announcePlan(draft.id());
        }
        assertThatThrownBy(() -> announcePlan(draft.id())).isInstanceOf(ConflictException.class);
        // a document that never was is not found
        assertThatThrownBy(() -> s.documentService.delete(OFFICIAL, draft.id(), "no-such-document"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyTheMunicipalitysOwnUploadsAreRemovedAndOnlyWhileItDraftsOrRevises() {
        Application inReview = s.inReview();
        String plan = s.documents.list(inReview.id()).get(0).documentId();
        String advice = s.upload(ADVISOR, inReview.id(), DocumentKind.ADVICE, "advies.pdf", PDF);

        assertThatThrownBy(() -> s.documentService.delete(OFFICIAL, inReview.id(), plan))
                .isInstanceOf(ConflictException.class).hasMessageContaining("alleen worden verwijderd");
        assertThatThrownBy(() -> s.documentService.delete(ADVISOR, inReview.id(), advice)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.documentService.delete(PROPOSER, inReview.id(), plan)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.documentService.delete(UTRECHT_OFFICIAL, inReview.id(), plan)).isInstanceOf(NotFoundException.class);

        s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "Graag aanvullen", null);
        assertThatThrownBy(() -> s.documentService.delete(OFFICIAL, inReview.id(), advice))
                .isInstanceOf(ConflictException.class).hasMessageContaining("gemeente zelf");
        s.documentService.delete(OFFICIAL, inReview.id(), plan);
        assertThat(s.documents.list(inReview.id())).extracting(Document::documentId).containsExactly(advice);
    }

    @Test
    void aLetterIsNeverRemoved() {
        Application awarded = s.awarded();
        Document letter = s.documents.list(awarded.id()).stream().filter(d -> d.kind().isGenerated()).findFirst().orElseThrow();

        assertThatThrownBy(() -> s.documentService.delete(OFFICIAL, awarded.id(), letter.documentId()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("alleen worden verwijderd");
        assertThat(s.documents.find(awarded.id(), letter.documentId())).isPresent();
    }

    @Test
    void theStoreRefusesARemovalOnceTheApplicationLeftTheDraft() {
        Application draft = s.draft();
        String plan = s.uploadPlan(OFFICIAL, draft.id());
        Document read = s.documents.find(draft.id(), plan).orElseThrow();
        s.ensureAllocations(OFFICIAL, draft.plan());
        s.lifecycle.submit(OFFICIAL, once(), draft.id()); // between the use case's read and its write

        assertThatThrownBy(() -> s.documents.remove(read, AuditEvent.of(OFFICIAL, T0, "DOCUMENT_DELETED", null, null,
                Map.of()), EnumSet.of(Status.DRAFT)))
                .isInstanceOf(ConflictException.class);
        assertThat(s.documents.find(draft.id(), plan)).isPresent();
    }
}
