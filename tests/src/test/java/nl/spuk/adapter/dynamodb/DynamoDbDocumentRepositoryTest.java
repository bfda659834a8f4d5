package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.ConflictException;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Document metadata in DynamoDB Local: announce once, settle once, each with its audit event. */
public class DynamoDbDocumentRepositoryTest extends LocalDynamoDbTestBase {
    private DynamoDbDocumentRepository documents;
    private DynamoDbApplicationRepository applications;

    @BeforeEach
    void setUp() {
        documents = new DynamoDbDocumentRepository(client, table);
        applications = new DynamoDbApplicationRepository(client, table);
    }

    @Test
    void storesAnAnnouncedDocumentWithItsEvent() {
        Document plan = pending("d-1", T0);

        documents.add(plan, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null));

        assertThat(documents.find("a-1", "d-1")).contains(plan);
        assertThat(documents.find("a-1", "d-2")).isEmpty();
        assertThat(documents.find("a-2", "d-1")).isEmpty();
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).containsExactly("DOCUMENT_ANNOUNCED");
    }

    @Test
    void takesARepeatedAnnouncementOnceAndRefusesAnotherDocumentUnderTheSameId() {
        Document plan = pending("d-1", T0);
        documents.add(plan, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null));
        documents.add(plan, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null));

        Document other = new Document("a-1", "d-1", DocumentKind.BUDGET, "begroting.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 10, DocumentStatus.PENDING_UPLOAD,
                null, T0, null, "u-gron", "MUNICIPALITY");
        assertThatThrownBy(() -> documents.add(other, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null)))
                .isInstanceOf(ConflictException.class);

        assertThat(documents.find("a-1", "d-1")).contains(plan);
        assertThat(applications.history("a-1")).hasSize(1);
    }

    @Test
    void settlesOnceAndTreatsARepeatedNotificationAsNoChange() {
        Document plan = pending("d-1", T0);
        documents.add(plan, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null));
        Document available = plan.available("ab".repeat(32), T0.plusSeconds(30));

        assertThat(documents.settle(available, event(GRONINGEN_USER, T0.plusSeconds(30), "DOCUMENT_UPLOADED", null, null)))
                .isTrue();
        assertThat(documents.settle(plan.rejected(T0.plusSeconds(40)),
                event(GRONINGEN_USER, T0.plusSeconds(40), "DOCUMENT_REJECTED", null, null))).isFalse();

        assertThat(documents.find("a-1", "d-1")).contains(available);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action)
                .containsExactly("DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED");
    }

    @Test
    void doesNotSettleADocumentThatWasNeverAnnounced() {
        Document ghost = pending("ghost", T0).available("00".repeat(32), T0);

        assertThat(documents.settle(ghost, event(GRONINGEN_USER, T0, "DOCUMENT_UPLOADED", null, null))).isFalse();

        assertThat(documents.find("a-1", "ghost")).isEmpty();
        assertThat(applications.history("a-1")).isEmpty();
    }

    @Test
    void listsAnApplicationsDocumentsOldestFirst() {
        Document late = pending("aaa", T0.plusSeconds(20));
        Document early = pending("zzz", T0);
        Document middle = pending("mmm", T0.plusSeconds(10));
        for (Document d : new Document[] {late, early, middle}) {
            documents.add(d, event(GRONINGEN_USER, d.createdAt(), "DOCUMENT_ANNOUNCED", null, null));
        }
        documents.add(new Document("a-2", "other", DocumentKind.PLAN, "x.pdf", "application/pdf", 1,
                DocumentStatus.PENDING_UPLOAD, null, T0, null, "u", "MUNICIPALITY"),
                event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null));

        assertThat(documents.list("a-1")).containsExactly(early, middle, late);
        assertThat(documents.list("none")).isEmpty();
    }

    private static Document pending(String documentId, Instant at) {
        return new Document("a-1", documentId, DocumentKind.PLAN, "plan 2025.pdf", "application/pdf", 123_456,
                DocumentStatus.PENDING_UPLOAD, null, at, null, "u-gron", "MUNICIPALITY");
    }
}
