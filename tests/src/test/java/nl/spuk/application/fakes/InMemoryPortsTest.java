package nl.spuk.application.fakes;

import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.AllocationShortfallException;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ConflictException;
import nl.spuk.application.DocumentLimitException;
import nl.spuk.application.HoursCapExceededException;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationCommitment;
import nl.spuk.application.port.AllocationRequirement;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.Page;
import nl.spuk.domain.AdvisoryTheme;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.DocumentStatus;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import org.junit.jupiter.api.Test;

/**
 * The fakes keep the contracts the DynamoDB adapters' tests check against DynamoDB Local (DynamoDbApplicationRepositoryTest,
 * DynamoDbAwardCommitmentTest, DynamoDbAdvisoryHoursLedgerTest, DynamoDbDocumentRepositoryTest): the slice tests rely on them.
 */
class InMemoryPortsTest {
    private final InMemoryTable table = new InMemoryTable();
    private final InMemoryApplicationRepository applications = new InMemoryApplicationRepository(table);
    private final InMemoryAllocationRepository allocations = new InMemoryAllocationRepository(table);
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository(table);
    private final InMemoryHoursLedger ledger = new InMemoryHoursLedger(table);

    private Application created() {
        Application draft = Application.draft("a-1", GRONINGEN, plan(), OFFICIAL, T0);
        assertThat(applications.create(draft, Task.open(TaskType.PREPARE, draft, T0, null), event("CREATED"))).isTrue();
        return draft;
    }

    private static AuditEvent event(String action) {
        return AuditEvent.of(OFFICIAL, T0, action, null, null, Map.of());
    }

    private static ApplicationChange touch(String changeId, Application before) {
        return new ApplicationChange(changeId, before, before.touched(T0), event("TOUCHED"), List.of(), List.of());
    }

    private static Document letter(String id) {
        return Document.letter("a-1", id, DocumentKind.DECISION, "b.pdf", new byte[] {1}, T0, PROPOSER);
    }

    @Test
    void createsOnceAndWritesNothingTheSecondTime() {
        Application draft = created();

        assertThat(applications.create(draft.touched(T0), Task.open(TaskType.REVISE, draft, T0, null), event("AGAIN"))).isFalse();
        assertThat(applications.find("a-1")).contains(draft);
        assertThat(applications.actions("a-1")).containsExactly("CREATED");
        assertThat(applications.openTasks("a-1")).extracting(Task::type).containsExactly(TaskType.PREPARE);
    }

    @Test
    void aChangeFromAStaleVersionIsRefusedButItsOwnRepeatReturnsTheStoredState() {
        Application v1 = created();
        Application v2 = applications.apply(touch("c-1", v1));

        assertThat(applications.apply(touch("c-1", v1))).isEqualTo(v2);
        assertThatThrownBy(() -> applications.apply(touch("c-2", v1))).isInstanceOf(ConcurrentChangeException.class);
        applications.apply(touch("c-3", v2));
        assertThatThrownBy(() -> applications.apply(touch("c-1", v1))).isInstanceOf(ConcurrentChangeException.class);
        assertThat(applications.actions("a-1")).containsExactly("CREATED", "TOUCHED", "TOUCHED");
        assertThat(applications.applied("a-1", "c-1")).isTrue();
        assertThat(applications.applied("a-1", "c-9")).isFalse();
    }

    @Test
    void aChangeToAnApplicationThatDoesNotExistIsRefused() {
        Application ghost = Application.draft("ghost", GRONINGEN, plan(), OFFICIAL, T0);

        assertThatThrownBy(() -> applications.apply(touch("c-1", ghost))).isInstanceOf(ConcurrentChangeException.class);
    }

    @Test
    void aTaskOneChangeBothClosesAndOpensStaysOpen() {
        Application v1 = created();
        Task prepare = Task.open(TaskType.PREPARE, v1, T0.plusSeconds(1), LocalDate.of(2025, 5, 1));

        applications.apply(new ApplicationChange("c-1", v1, v1.touched(T0), event("REOPENED"), List.of(prepare),
                List.of(prepare.taskId())));

        assertThat(applications.openTasks("a-1")).containsExactly(prepare);
    }

    @Test
    void anAwardTakesItsShareOnceAndNeverMoreThanTheHeadroom() {
        Application v1 = created();
        allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, 1_000)));
        ApplicationChange award = new ApplicationChange("c-1", v1, v1.touched(T0), event("AWARD"), List.of(), List.of(),
                List.of(new AllocationCommitment(GRONINGEN.code(), 2025, 600)), List.of(), List.of());
        applications.apply(award);
        applications.apply(award);
        assertThat(allocations.stateOf(GRONINGEN.code()).left(2025)).isEqualTo(400);

        Application v2 = applications.find("a-1").orElseThrow();
        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-2", v2, v2.touched(T0), event("AWARD"),
                List.of(), List.of(), List.of(new AllocationCommitment(GRONINGEN.code(), 2025, 401)), List.of(letter("l")),
                List.of()))).isInstanceOf(AllocationExceededException.class).hasMessageContaining("400 cents left");
        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-3", v2, v2.touched(T0), event("AWARD"),
                List.of(), List.of(), List.of(new AllocationCommitment(GRONINGEN.code(), 2026, 1)), List.of(), List.of())))
                .isInstanceOf(AllocationExceededException.class).hasMessageContaining("no allocation for 2026");
        assertThat(applications.find("a-1")).contains(v2);
        assertThat(documents.list("a-1")).isEmpty();
        assertThatThrownBy(() -> allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, 599))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aChangeWhoseLetterExistsAlreadyCommitsNothing() {
        Application v1 = created();
        allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, 1_000)));
        Application v2 = applications.apply(new ApplicationChange("c-1", v1, v1.touched(T0), event("LETTER"), List.of(),
                List.of(), List.of(), List.of(letter("l")), List.of()));

        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-2", v2, v2.touched(T0), event("AWARD"),
                List.of(), List.of(), List.of(new AllocationCommitment(GRONINGEN.code(), 2025, 1)), List.of(letter("l")),
                List.of()))).isInstanceOf(ConflictException.class);
        assertThat(allocations.stateOf(GRONINGEN.code()).committed().get(2025)).isZero();
    }

    @Test
    void aChangeRequiringAMissingOrSmallerAllocationWritesNothing() {
        Application v1 = created();
        allocations.setAll(List.of(new Allocation(GRONINGEN.code(), 2025, 1_000)));

        assertThatThrownBy(() -> applications.apply(touch("c-1", v1).requiring(
                List.of(new AllocationRequirement(GRONINGEN.code(), 2025, 1_001)))))
                .isInstanceOf(AllocationShortfallException.class);
        assertThatThrownBy(() -> applications.apply(touch("c-1", v1).requiring(
                List.of(new AllocationRequirement(GRONINGEN.code(), 2026, 0)))))
                .isInstanceOf(AllocationShortfallException.class);
        assertThat(applications.find("a-1")).contains(v1);
        assertThat(applications.apply(touch("c-1", v1).requiring(
                List.of(new AllocationRequirement(GRONINGEN.code(), 2025, 1_000)))).version()).isEqualTo(2);
    }

    @Test
    void aChangeTooLargeForOneTransactionIsRefusedBeforeWriting() {
        Application v1 = created();
        List<String> close = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            close.add("t-" + i);
        }

        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-1", v1, v1.touched(T0), event("BIG"),
                List.of(), close))).isInstanceOf(IllegalArgumentException.class);
        assertThat(applications.find("a-1")).contains(v1);
    }

    @Test
    void historyIsOldestFirstAlsoForEventsAtTheSameInstant() {
        created();
        for (int i = 0; i < 20; i++) {
            applications.record("a-1", event("E" + i));
        }

        assertThat(applications.actions("a-1")).startsWith("CREATED", "E0", "E1", "E2").endsWith("E19");
    }

    @Test
    void theLedgerBooksUpToTheCapOnceAnEntryAndOnlyInReview() {
        Application v1 = created();
        HoursEntry first = new HoursEntry("h-1", GRONINGEN.code(), "a-1", 6, AdvisoryTheme.RESPIJTZORG,
                LocalDate.of(2025, 3, 1), null, "advisor", "A", T0);
        assertThatThrownBy(() -> ledger.book(first, 10, event("HOURS"))).isInstanceOf(ConflictException.class);
        applications.apply(new ApplicationChange("c-1", v1, v1.moveTo(Status.IN_REVIEW, T0), event("SUBMITTED"),
                List.of(), List.of()));

        ledger.book(first, 10, event("HOURS"));
        HoursEntry second = new HoursEntry("h-2", GRONINGEN.code(), "a-1", 5, AdvisoryTheme.RESPIJTZORG,
                LocalDate.of(2025, 3, 1), null, "advisor", "A", T0);
        assertThatThrownBy(() -> ledger.book(second, 10, event("HOURS"))).isInstanceOf(HoursCapExceededException.class);
        assertThat(ledger.book(new HoursEntry("h-3", GRONINGEN.code(), "a-1", 4, AdvisoryTheme.RESPIJTZORG,
                LocalDate.of(2025, 3, 1), null, "advisor", "A", T0), 10, event("HOURS")).isAtCap()).isTrue();
        assertThat(ledger.book(first, 10, event("HOURS")).usedQuarterHours()).isEqualTo(10); // a repeat at the cap
        assertThat(ledger.entries(GRONINGEN.code())).extracting(HoursEntry::entryId).containsExactly("h-1", "h-3");
        assertThat(applications.count("a-1", "HOURS")).isEqualTo(2);
    }

    private static Document pending(String applicationId, String id, int secondsAfterT0) {
        return new Document(applicationId, id, DocumentKind.PLAN, "plan.pdf", "application/pdf", 10,
                DocumentStatus.PENDING_UPLOAD, null, T0.plusSeconds(secondsAfterT0), null, OFFICIAL.id(), "MUNICIPALITY",
                null, null, null);
    }

    @Test
    void aDocumentIsAnnouncedOnceAndSettledOnce() {
        Document announced = pending("a-1", "d-1", 0);
        documents.add(announced, event("ANNOUNCED"), 100, 20);
        documents.add(announced, event("ANNOUNCED"), 100, 20);
        assertThatThrownBy(() -> documents.add(new Document("a-1", "d-1", DocumentKind.BUDGET, "b.pdf", "application/pdf",
                10, DocumentStatus.PENDING_UPLOAD, null, T0, null, OFFICIAL.id(), "MUNICIPALITY", null, null, null),
                event("ANNOUNCED"), 100, 20)).isInstanceOf(ConflictException.class);

        assertThat(documents.settle(announced.available("abc", announced.checkedKey("k"), T0), event("UPLOADED"))).isTrue();
        assertThat(documents.settle(announced.rejected("te laat", T0), event("REJECTED"))).isFalse();
        assertThat(documents.settle(new Document("a-1", "d-2", DocumentKind.PLAN, "p.pdf", "application/pdf", 1,
                DocumentStatus.AVAILABLE, "x", T0, T0, OFFICIAL.id(), "MUNICIPALITY", "checked/a-1/d-2/k", null, null),
                event("UPLOADED"))).isFalse();
        assertThat(documents.find("a-1", "d-1")).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(DocumentStatus.AVAILABLE));
        assertThat(applications.actions("a-1")).containsExactly("ANNOUNCED", "UPLOADED");
    }

    @Test
    void announcementsStopAtTheWaitingLimitUntilOneSettlesAndAtTheDocumentLimit() {
        documents.add(pending("a-1", "d-1", 0), event("ANNOUNCED"), 3, 2);
        documents.add(pending("a-1", "d-2", 1), event("ANNOUNCED"), 3, 2);
        assertThatThrownBy(() -> documents.add(pending("a-1", "d-3", 2), event("ANNOUNCED"), 3, 2))
                .isInstanceOf(DocumentLimitException.class).hasMessageContaining("waiting");
        documents.add(pending("a-1", "d-1", 0), event("ANNOUNCED"), 3, 2); // a repeat counts nothing

        documents.settle(pending("a-1", "d-1", 0).rejected("te laat", T0), event("REJECTED"));
        documents.add(pending("a-1", "d-3", 2), event("ANNOUNCED"), 3, 2);
        documents.settle(pending("a-1", "d-2", 1).rejected("te laat", T0), event("REJECTED"));

        assertThatThrownBy(() -> documents.add(pending("a-1", "d-4", 3), event("ANNOUNCED"), 3, 2))
                .isInstanceOf(DocumentLimitException.class).hasMessageContaining("3 documents");
        documents.add(pending("b-1", "d-4", 3), event("ANNOUNCED"), 3, 2); // each application counts its own
    }

    @Test
    void waitingUploadsAreListedAcrossApplicationsLongestWaitingFirst() {
        documents.add(pending("a-1", "d-1", 5), event("ANNOUNCED"), 100, 20);
        documents.add(pending("b-1", "d-2", 1), event("ANNOUNCED"), 100, 20);
        documents.add(pending("a-1", "d-3", 3), event("ANNOUNCED"), 100, 20);
        documents.settle(pending("a-1", "d-3", 3).rejected("te laat", T0), event("REJECTED"));

        assertThat(documents.waitingForUpload(20)).extracting(Document::documentId).containsExactly("d-2", "d-1");
        assertThat(documents.waitingForUpload(1)).extracting(Document::documentId).containsExactly("d-2");
    }

    @Test
    void documentsHistoryAndHourEntriesArePagedOldestFirstWithTokensOfTheirOwnList() {
        Application v1 = created();
        for (int i = 0; i < 5; i++) {
            documents.add(pending("a-1", "d-" + i, 10 - i), event("ANNOUNCED"), 100, 20);
        }
        Page<Document> first = documents.list("a-1", 2, null);
        Page<Document> second = documents.list("a-1", 2, first.nextToken());
        Page<Document> third = documents.list("a-1", 2, second.nextToken());
        assertThat(first.items()).extracting(Document::documentId).containsExactly("d-4", "d-3");
        assertThat(second.items()).extracting(Document::documentId).containsExactly("d-2", "d-1");
        assertThat(third.items()).extracting(Document::documentId).containsExactly("d-0");
        assertThat(third.nextToken()).isNull();
        assertThat(documents.list("a-1", 5, null).nextToken()).isNull();
        assertThatThrownBy(() -> documents.list("b-1", 2, first.nextToken())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> documents.list("a-1", 2, "nonsense")).isInstanceOf(IllegalArgumentException.class);

        Page<AuditEvent> events = applications.history("a-1", 4, null);
        assertThat(events.items()).extracting(AuditEvent::action).containsExactly("CREATED", "ANNOUNCED", "ANNOUNCED",
                "ANNOUNCED");
        Page<AuditEvent> rest = applications.history("a-1", 4, events.nextToken());
        assertThat(rest.items()).hasSize(2);
        assertThat(rest.nextToken()).isNull();
        assertThatThrownBy(() -> applications.history("a-1", 4, first.nextToken()))
                .isInstanceOf(IllegalArgumentException.class);

        applications.apply(new ApplicationChange("c-1", v1, v1.moveTo(Status.IN_REVIEW, T0), event("SUBMITTED"),
                List.of(), List.of()));
        for (int i = 0; i < 3; i++) {
            ledger.book(new HoursEntry("h-" + i, GRONINGEN.code(), "a-1", 1, AdvisoryTheme.RESPIJTZORG,
                    LocalDate.of(2025, 3, 1), null, "advisor", "A", T0.plusSeconds(i)), 10, event("HOURS"));
        }
        Page<HoursEntry> hours = ledger.entries(GRONINGEN.code(), 2, null);
        assertThat(hours.items()).extracting(HoursEntry::entryId).containsExactly("h-0", "h-1");
        assertThat(ledger.entries(GRONINGEN.code(), 2, hours.nextToken()).items()).extracting(HoursEntry::entryId)
                .containsExactly("h-2");
        assertThat(ledger.entries(GRONINGEN.code(), 2, hours.nextToken()).nextToken()).isNull();
        assertThatThrownBy(() -> ledger.entries(UTRECHT.code(), 2, hours.nextToken()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theChangesSinceAVersionAreTheEventsOfTheChangesThatRaisedIt() {
        Application v1 = created();
        Application v2 = applications.apply(touch("c-1", v1));
        applications.record("a-1", event("NOTE"));
        applications.apply(new ApplicationChange("c-2", v2, v2.touched(T0), event("SECOND"), List.of(), List.of()));

        assertThat(applications.changesSince("a-1", 1)).extracting(AuditEvent::action).containsExactly("TOUCHED", "SECOND");
        assertThat(applications.changesSince("a-1", 2)).extracting(AuditEvent::action).containsExactly("SECOND");
        assertThat(applications.changesSince("a-1", 3)).isEmpty();
    }

    @Test
    void notificationsAreWrittenWithTheirChangeOrEventAndNeverTwice() {
        Application v1 = created();
        ApplicationChange submitted = touch("c-1", v1).notifying(NotificationType.ADVICE_GIVEN);
        applications.apply(submitted);
        applications.apply(submitted); // a repeat of the applied change writes nothing again
        assertThat(applications.notifications("a-1")).extracting(Notification::type)
                .containsExactly(NotificationType.ADVICE_GIVEN, NotificationType.ADVICE_GIVEN);

        Application v2 = applications.find("a-1").orElseThrow();
        assertThatThrownBy(() -> applications.apply(new ApplicationChange("c-1", v2, v2.touched(T0), event("SAME ID"),
                List.of(), List.of()).notifying(NotificationType.ADVICE_GIVEN))).isInstanceOf(IllegalStateException.class);
        assertThat(applications.find("a-1")).contains(v2);

        List<Notification> reminder = Notification.of("r-1", NotificationType.REPORT_DUE_SOON, Map.of("year", "2025"),
                v2, T0);
        assertThat(applications.record("a-1", event("REMINDED"), reminder)).isTrue();
        assertThat(applications.record("a-1", event("REMINDED"), reminder)).isFalse();
        assertThat(applications.count("a-1", "REMINDED")).isEqualTo(1);
        assertThat(applications.notifications("a-1")).hasSize(3);
    }
}
