package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentLimitException;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Document metadata in DynamoDB Local: announce once, settle once, each with its audit event; the store keeps each
 * application within its limits of documents and of uploads waiting, lists documents by pages, and finds the uploads
 * that wait longest.
 */
public class DynamoDbDocumentRepositoryTest extends LocalDynamoDbTestBase {
    private static final int MAX_DOCUMENTS = 6;
    private static final int MAX_WAITING = 3;

    private DynamoDbDocumentRepository documents;
    private DynamoDbApplicationRepository applications;

    @BeforeEach
    void setUp() {
        documents = new DynamoDbDocumentRepository(client, table);
        applications = new DynamoDbApplicationRepository(client, table);
    }

    @Test
    void storesAnAnnouncedDocumentWithItsEvent() {
        Document plan = pending("a-1", "d-1", T0);

        add(plan);

        assertThat(documents.find("a-1", "d-1")).contains(plan);
        assertThat(documents.find("a-1", "d-2")).isEmpty();
        assertThat(documents.find("a-2", "d-1")).isEmpty();
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).containsExactly("DOCUMENT_ANNOUNCED");
    }

    @Test
    void takesARepeatedAnnouncementOnceAndRefusesAnotherDocumentUnderTheSameId() {
        Document plan = pending("a-1", "d-1", T0);
        add(plan);
        add(plan);

        Document other = new Document("a-1", "d-1", DocumentKind.BUDGET, "begroting.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 10, DocumentStatus.PENDING_UPLOAD,
                null, T0, null, "u-gron", "MUNICIPALITY", null, null, null);
        assertThatThrownBy(() -> add(other)).isInstanceOf(ConflictException.class);

        assertThat(documents.find("a-1", "d-1")).contains(plan);
        assertThat(applications.history("a-1")).hasSize(1);
        // the repeat counted nothing: two more may wait
        add(pending("a-1", "d-2", T0));
        add(pending("a-1", "d-3", T0));
        assertThatThrownBy(() -> add(pending("a-1", "d-4", T0))).isInstanceOf(DocumentLimitException.class);
    }

    @Test
    void settlesOnceAndTreatsARepeatedNotificationAsNoChange() {
        Document plan = pending("a-1", "d-1", T0);
        add(plan);
        Document available = plan.available("ab".repeat(32), plan.checkedKey("check-1"), T0.plusSeconds(30));

        assertThat(documents.settle(available, event(GRONINGEN_USER, T0.plusSeconds(30), "DOCUMENT_UPLOADED", null, null)))
                .isTrue();
        assertThat(documents.settle(plan.rejected("Afgekeurd", T0.plusSeconds(40)),
                event(GRONINGEN_USER, T0.plusSeconds(40), "DOCUMENT_REJECTED", null, null))).isFalse();

        assertThat(documents.find("a-1", "d-1")).contains(available);
        assertThat(applications.history("a-1")).extracting(AuditEvent::action)
                .containsExactly("DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED");
    }

    @Test
    void keepsTheReasonOfARejection() {
        Document plan = pending("a-1", "d-1", T0);
        add(plan);
        Document rejected = plan.rejected("Het bestand is aangemeld als pdf-bestand, maar de inhoud is geen pdf-bestand.",
                T0.plusSeconds(5));

        assertThat(documents.settle(rejected, event(GRONINGEN_USER, T0.plusSeconds(5), "DOCUMENT_REJECTED", null, null)))
                .isTrue();

        assertThat(documents.find("a-1", "d-1")).contains(rejected);
    }

    @Test
    void doesNotSettleADocumentThatWasNeverAnnounced() {
        Document ghost = pending("a-1", "ghost", T0).available("00".repeat(32), "checked/a-1/ghost/c", T0);

        assertThat(documents.settle(ghost, event(GRONINGEN_USER, T0, "DOCUMENT_UPLOADED", null, null))).isFalse();

        assertThat(documents.find("a-1", "ghost")).isEmpty();
        assertThat(applications.history("a-1")).isEmpty();
    }

    @Test
    void refusesAnAnnouncementBeyondTheUploadsThatMayWaitUntilOneIsSettled() {
        for (int i = 0; i < MAX_WAITING; i++) {
            add(pending("a-1", "d-" + i, T0.plusSeconds(i)));
        }

        assertThatThrownBy(() -> add(pending("a-1", "d-late", T0.plusSeconds(10))))
                .isInstanceOf(DocumentLimitException.class).hasMessageContaining("waiting for their upload");
        add(pending("a-2", "d-other", T0)); // another application counts for itself

        Document first = documents.find("a-1", "d-0").orElseThrow();
        documents.settle(first.rejected("Afgekeurd", T0.plusSeconds(20)), event(GRONINGEN_USER, T0, "DOCUMENT_REJECTED", null, null));
        add(pending("a-1", "d-late", T0.plusSeconds(30)));
        assertThat(documents.find("a-1", "d-late")).isPresent();
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).filteredOn("DOCUMENT_ANNOUNCED"::equals)
                .hasSize(MAX_WAITING + 1);
    }

    @Test
    void refusesADocumentBeyondTheMostAnApplicationHoldsWhateverTheirStatus() {
        for (int i = 0; i < MAX_DOCUMENTS; i++) {
            Document d = pending("a-1", "d-" + i, T0.plusSeconds(i));
            add(d);
            documents.settle(d.available("ab".repeat(32), d.checkedKey("c"), T0.plusSeconds(i)),
                    event(GRONINGEN_USER, T0, "DOCUMENT_UPLOADED", null, null));
        }

        assertThatThrownBy(() -> add(pending("a-1", "d-more", T0.plusSeconds(60))))
                .isInstanceOf(DocumentLimitException.class).hasMessageContaining("holds " + MAX_DOCUMENTS + " documents");
        assertThat(documents.find("a-1", "d-more")).isEmpty();
    }

    @Test
    void concurrentAnnouncementsNeverPassTheLimit() throws Exception {
        int racers = 12;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Document d = pending("a-1", "d-" + i, T0.plusSeconds(i));
                Callable<Boolean> announce = () -> {
                    start.await();
                    try {
                        add(d);
                        return true;
                    } catch (DocumentLimitException refused) {
                        return false;
                    }
                };
                outcomes.add(threads.submit(announce));
            }
            start.countDown();
            int announced = 0;
            for (Future<Boolean> outcome : outcomes) {
                announced += outcome.get() ? 1 : 0;
            }

            assertThat(announced).isEqualTo(MAX_WAITING);
            assertThat(documents.list("a-1", 100, null).items()).hasSize(MAX_WAITING);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void listsAnApplicationsDocumentsOldestFirstByPages() {
        List<Document> added = new ArrayList<>();
        String[] ids = {"q", "c", "x", "a", "m"};
        for (int i = 0; i < ids.length; i++) {
            Document d = pending("a-1", ids[i], T0.plusSeconds(10L * (ids.length - i)));
            add(d);
            added.add(0, d);
            documents.settle(d.rejected("Afgekeurd", T0), event(GRONINGEN_USER, T0, "DOCUMENT_REJECTED", null, null));
        }
        add(pending("a-2", "other", T0));

        List<Document> listed = new ArrayList<>();
        Page<Document> page = documents.list("a-1", 2, null);
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            listed.addAll(page.items());
            sizes.add(page.items().size());
            if (page.nextToken() == null) {
                break;
            }
            page = documents.list("a-1", 2, page.nextToken());
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(listed).extracting(Document::documentId)
                .containsExactlyElementsOf(added.stream().map(Document::documentId).toList());
        assertThat(documents.list("a-1", 5, null).nextToken()).isNull();
        assertThat(documents.list("none", 5, null).items()).isEmpty();
        String token = documents.list("a-1", 2, null).nextToken();
        assertThatThrownBy(() -> documents.list("a-2", 2, token)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> documents.list("a-1", 2, "bm90IGEgdG9rZW4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheUploadsThatWaitLongestAcrossApplicationsUntilTheyAreSettled() {
        Document newest = pending("a-2", "d-3", T0.plusSeconds(30));
        Document oldest = pending("a-1", "d-1", T0);
        Document middle = pending("a-3", "d-2", T0.plusSeconds(10));
        for (Document d : List.of(newest, oldest, middle)) {
            add(d);
        }
        documents.settle(middle.rejected("Afgekeurd", T0.plusSeconds(40)), event(GRONINGEN_USER, T0, "DOCUMENT_REJECTED", null, null));

        assertThat(documents.waitingForUpload(10)).containsExactly(oldest, newest);
        assertThat(documents.waitingForUpload(1)).containsExactly(oldest);
    }

    @Test
    void removesADraftsDocumentWithItsCountsAndKeepsARecordOfIt() {
        created("a-1", Status.DRAFT);
        Document waiting = pending("a-1", "d-1", T0);
        add(waiting);
        add(pending("a-1", "d-2", T0));
        add(pending("a-1", "d-3", T0));
        assertThatThrownBy(() -> add(pending("a-1", "d-4", T0))).isInstanceOf(DocumentLimitException.class);

        assertThat(documents.remove(waiting, removal(), EDITABLE)).isTrue();
        assertThat(documents.remove(waiting, removal(), EDITABLE)).isFalse(); // a repeat writes nothing

        assertThat(documents.find("a-1", "d-1")).isEmpty();
        assertThat(documents.removed("a-1", "d-1")).contains(waiting);
        assertThat(documents.removed("a-1", "d-2")).isEmpty();
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).filteredOn("DOCUMENT_DELETED"::equals).hasSize(1);
        // one fewer waiting and one fewer document: the next fits, and the removed one is in no list or index
        add(pending("a-1", "d-4", T0));
        assertThat(documents.list("a-1", 10, null).items()).extracting(Document::documentId).containsExactly("d-2", "d-3", "d-4");
        assertThat(documents.waitingForUpload(10)).extracting(Document::documentId).doesNotContain("d-1");
    }

    @Test
    void refusesARemovalOnceTheApplicationLeftTheDraftOrTheDocumentWasCheckedMeanwhile() {
        created("a-1", Status.IN_REVIEW);
        created("a-2", Status.DRAFT);
        Document submitted = pending("a-1", "d-1", T0);
        add(submitted);
        Document checking = pending("a-2", "d-1", T0);
        documents.add(checking, event(GRONINGEN_USER, T0, "DOCUMENT_ANNOUNCED", null, null), MAX_DOCUMENTS, MAX_WAITING);
        documents.settle(checking.available("ab".repeat(32), "checked/a-2/d-1/c-1", T0), event(GRONINGEN_USER, T0, "DOCUMENT_UPLOADED", null, null));

        assertThatThrownBy(() -> documents.remove(submitted, removal(), EDITABLE)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("niet meer opgesteld");
        assertThatThrownBy(() -> documents.remove(checking, removal(), EDITABLE)).isInstanceOf(ConcurrentChangeException.class);

        assertThat(documents.find("a-1", "d-1")).contains(submitted);
        assertThat(documents.find("a-2", "d-1")).isPresent();
        assertThat(documents.removed("a-1", "d-1")).isEmpty();
        assertThat(applications.history("a-1")).extracting(AuditEvent::action).doesNotContain("DOCUMENT_DELETED");
    }

    private static final Set<Status> EDITABLE = EnumSet.of(Status.DRAFT, Status.CHANGES_REQUESTED);

    private static AuditEvent removal() {
        return event(GRONINGEN_USER, T0, "DOCUMENT_DELETED", null, null);
    }

    /** An application under this id in this status, as the removal's condition reads it. */
    private void created(String id, Status status) {
        Application draft = Fixtures.draft(id, Fixtures.GRONINGEN, T0);
        Application app = status == Status.DRAFT ? draft : draft.moveTo(status, T0);
        applications.create(app, Task.open(TaskType.PREPARE, app, T0, null), event(GRONINGEN_USER, T0, "CREATED", null, status));
    }

    private void add(Document d) {
        documents.add(d, event(GRONINGEN_USER, d.createdAt(), "DOCUMENT_ANNOUNCED", null, null), MAX_DOCUMENTS, MAX_WAITING);
    }

    private static Document pending(String applicationId, String documentId, Instant at) {
        return new Document(applicationId, documentId, DocumentKind.PLAN, "plan 2025.pdf", "application/pdf", 123_456,
                DocumentStatus.PENDING_UPLOAD, null, at, null, "u-gron", "MUNICIPALITY", null, null, null);
    }
}
