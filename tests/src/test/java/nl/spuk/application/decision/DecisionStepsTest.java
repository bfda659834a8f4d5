package nl.spuk.application.decision;

import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.BUDGET_CENTS;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.amounts;
import static nl.spuk.application.fakes.Scenario.command;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.InMemoryDocumentStorage;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.notifications.NotificationTexts;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AwardLetter;
import nl.spuk.domain.AwardReference;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Notification;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.SchemeRules;
import nl.spuk.domain.Signatory;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class DecisionStepsTest {
    private final Scenario s = new Scenario();

    private static StepContext step(Application app, Actor actor, Object request, String changeId) {
        return StepContext.of(command(app, actor, request), changeId, null);
    }

    private static DecisionProposal award(YearAmounts cents) {
        return new DecisionProposal(DecisionOutcome.AWARD, cents, "Rapporteer per jaar", "Past binnen de regeling");
    }

    private long committed() {
        return s.allocations.stateOf(GRONINGEN.code()).committed().get(YEAR);
    }

    @Test
    void proposeRecordsTheProposalByItsActorAndConvergesOnARerun() {
        Application advised = s.advised();
        StepContext step = step(advised, PROPOSER, award(amounts(YEAR, 800_000)), "c-1/ProposeDecision");

        s.decisionSteps.propose(step);
        s.decisionSteps.propose(step);

        Application stored = s.stored(advised.id());
        assertThat(stored.status()).isEqualTo(Status.DECISION_PROPOSED);
        assertThat(stored.decision().proposedBy()).isEqualTo(PROPOSER.id());
        assertThat(stored.decision().awardedCents()).isEqualTo(amounts(YEAR, 800_000));
        assertThat(stored.decision().motivation()).isEqualTo("Past binnen de regeling");
        assertThat(s.applications.openTasks(advised.id())).extracting(Task::type).containsExactly(TaskType.APPROVE_DECISION);
        assertThat(s.applications.count(advised.id(), "DECISION_PROPOSED")).isEqualTo(1);
    }

    @Test
    void proposeRefusesAnApplicationThatIsNotAdvised() {
        Application inReview = s.inReview();

        assertThatThrownBy(() -> s.decisionSteps.propose(step(inReview, PROPOSER, award(amounts(YEAR, 1)), "c/ProposeDecision")))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.stored(inReview.id())).isEqualTo(inReview);
    }

    @Test
    void approveHoldsFourEyesInsideTheEngineTooAndThenStoresAndRendersNothing() {
        Application proposed = s.decisionProposed();

        assertThatThrownBy(() -> s.decisionSteps.approve(step(proposed, PROPOSER, null, "c/ApproveDecision")))
                .isInstanceOf(FourEyes.Violation.class);
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
        assertThat(s.letters.awardLetters()).isEmpty();
        assertThat(s.storage.keys()).noneMatch(k -> k.startsWith("letters/"));
        assertThat(committed()).isZero();
    }

    @Test
    void approveIssuesALetterStatingWhatWasAwardedWhenItIsPaidAndWhenEachReportIsDue() {
        Application proposed = s.decisionProposed();
        s.clock.set(Instant.parse("2025-03-10T23:30:00Z")); // 11 March in the Netherlands

        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));

        AwardLetter letter = s.letters.awardLetters().get(0);
        assertThat(letter.reference()).isEqualTo(new AwardReference(2025, 1));
        assertThat(letter.applicationTitle()).isEqualTo(plan().title());
        assertThat(letter.municipality()).isEqualTo(GRONINGEN);
        assertThat(letter.awardedCents()).isEqualTo(amounts(YEAR, BUDGET_CENTS));
        assertThat(letter.conditions()).isEqualTo("Rapporteer per jaar");
        assertThat(letter.motivation()).isEqualTo("Positief geadviseerd");
        assertThat(letter.decisionDate()).isEqualTo(LocalDate.of(2025, 3, 11));
        assertThat(letter.signedBy()).isEqualTo(new Signatory(APPROVER.name(), SchemeRules.APPROVER_ROLE));
        assertThat(letter.advancePayments()).containsExactly(Map.entry(2025, LocalDate.of(2025, 4, 22)));
        assertThat(letter.reportDeadlines()).containsExactly(Map.entry(2025, LocalDate.of(2026, 7, 15)));
        Document doc = s.documents.find(proposed.id(), "award-letter").orElseThrow();
        assertThat(doc.kind()).isEqualTo(DocumentKind.DECISION);
        assertThat(doc.fileName()).isEqualTo("beschikking-SPUK-2025-00001.pdf");
        assertThat(doc.contentKey()).isEqualTo("letters/" + proposed.id() + "/award-letter");
        assertStoredLetterIsTheRecordedOne(proposed.id());
        assertThat(doc.uploadedBy()).isEqualTo(APPROVER.id());
        assertThat(committed()).isEqualTo(BUDGET_CENTS);
    }

    @Test
    void eachAwardTakesTheNextReferenceOfTheDecisionsYearAndTheMunicipalityIsToldIt() {
        Application first = s.decisionProposed();
        Application second = s.decisionProposed();
        s.clock.set(Instant.parse("2025-12-31T23:30:00Z")); // already 1 January 2026 in the Netherlands
        Application third = s.decisionProposed();

        s.clock.set(Instant.parse("2025-06-01T10:00:00Z"));
        s.decisionSteps.approve(step(first, APPROVER, null, "c-1/ApproveDecision"));
        s.decisionSteps.approve(step(second, APPROVER, null, "c-2/ApproveDecision"));
        s.clock.set(Instant.parse("2025-12-31T23:30:00Z"));
        s.decisionSteps.approve(step(third, APPROVER, null, "c-3/ApproveDecision"));

        assertThat(s.stored(first.id()).reference()).hasToString("SPUK-2025-00001");
        assertThat(s.stored(second.id()).reference()).hasToString("SPUK-2025-00002");
        assertThat(s.stored(third.id()).reference()).hasToString("SPUK-2026-00001");
        Notification awarded = s.applications.notifications(second.id()).stream()
                .filter(n -> n.type() == NotificationType.AWARDED).findFirst().orElseThrow();
        assertThat(awarded.details()).containsEntry("reference", "SPUK-2025-00002");
        assertThat(NotificationTexts.message(awarded)).contains("kenmerk SPUK-2025-00002");
    }

    @Test
    void aRejectionGetsNoReferenceNorLetterAndTakesNoNumber() {
        Application advised = s.advised();
        s.decisions.propose(PROPOSER, Scenario.once(), advised.id(), "REJECT", YearAmounts.EMPTY, null, "Buiten de regeling");
        Application award = s.decisionProposed();

        s.decisions.approve(APPROVER, Scenario.once(), advised.id());
        s.decisions.approve(APPROVER, Scenario.once(), award.id());

        assertThat(s.stored(advised.id()).status()).isEqualTo(Status.REJECTED);
        assertThat(s.stored(advised.id()).reference()).isNull();
        assertThat(s.documents.find(advised.id(), "award-letter")).isEmpty();
        assertThat(s.applications.notifications(advised.id())).filteredOn(n -> n.type() == NotificationType.REJECTED)
                .singleElement().satisfies(n -> assertThat(n.details()).doesNotContainKey("reference"));
        assertThat(s.stored(award.id()).reference()).hasToString("SPUK-2025-00001");
    }

    @Test
    void aRefusedApprovalTakesNoNumberAndLeavesNoLetterBehind() {
        Application big = s.decisionProposed(OFFICIAL, plan("Groot", Map.of(YEAR, 3_000_000L)), amounts(YEAR, 3_000_000L));
        Application tooBig = s.decisionProposed(OFFICIAL, plan("Te groot", Map.of(YEAR, 3_000_000L)), amounts(YEAR, 3_000_000L));
        Application small = s.decisionProposed();
        s.decisionSteps.approve(step(big, APPROVER, null, "c-1/ApproveDecision"));

        assertThatThrownBy(() -> s.decisionSteps.approve(step(tooBig, APPROVER, null, "c-2/ApproveDecision")))
                .isInstanceOf(AllocationExceededException.class);
        s.decisionSteps.approve(step(small, APPROVER, null, "c-3/ApproveDecision"));

        assertThat(s.stored(tooBig.id()).status()).isEqualTo(Status.DECISION_PROPOSED);
        assertThat(s.stored(tooBig.id()).reference()).isNull();
        assertThat(s.storage.keys()).noneMatch(k -> k.startsWith("letters/" + tooBig.id()));
        assertThat(s.stored(big.id()).reference()).hasToString("SPUK-2025-00001");
        assertThat(s.stored(small.id()).reference()).hasToString("SPUK-2025-00002");
    }

    @Test
    void whenAnotherAwardTakesTheNumberFirstTheApprovalTakesTheNextAndItsLetterSaysSo() {
        Application mine = s.decisionProposed();
        Application theirs = s.decisionProposed();
        s.applications.beforeNextApply(() -> s.decisionSteps.approve(step(theirs, APPROVER, null, "c-2/ApproveDecision")));

        s.decisionSteps.approve(step(mine, APPROVER, null, "c-1/ApproveDecision"));

        assertThat(s.stored(theirs.id()).reference()).hasToString("SPUK-2025-00001");
        assertThat(s.stored(mine.id()).reference()).hasToString("SPUK-2025-00002");
        assertThat(s.letters.awardLetters()).extracting(l -> l.reference().toString())
                .containsExactly("SPUK-2025-00001", "SPUK-2025-00001", "SPUK-2025-00002");
        assertStoredLetterIsTheRecordedOne(mine.id());
        assertThat(s.applications.count(mine.id(), "DECISION_APPROVED")).isEqualTo(1);
    }

    @Test
    void aReRunOfTheApprovalWithItsChangeIdCommitsNothingMore() {
        Application proposed = s.decisionProposed();
        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));
        Application awarded = s.stored(proposed.id());

        s.decisionSteps.approve(step(awarded, APPROVER, null, "c-1/ApproveDecision"));

        assertThat(s.stored(proposed.id())).isEqualTo(awarded);
        assertThat(committed()).isEqualTo(BUDGET_CENTS);
        assertThat(s.applications.count(proposed.id(), "DECISION_APPROVED")).isEqualTo(1);
    }

    @Test
    void aRetryFromTheCopyReadBeforeTheApprovalKeepsTheNumberAndRestoresTheLetterItRecorded() {
        Application proposed = s.decisionProposed();
        Application other = s.decisionProposed();
        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));
        s.decisionSteps.approve(step(other, APPROVER, null, "c-2/ApproveDecision"));
        Application awarded = s.stored(proposed.id());
        // the crash came after the change was stored and before the letter's bytes were
        s.storage.delete(Document.letterKey(proposed.id(), "award-letter"));
        s.clock.set(s.clock.instant().plusSeconds(60));

        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));

        assertThat(s.stored(proposed.id())).isEqualTo(awarded);
        assertThat(awarded.reference()).hasToString("SPUK-2025-00001");
        assertThat(s.applications.nextReference(2025)).hasToString("SPUK-2025-00003");
        assertStoredLetterIsTheRecordedOne(proposed.id());
        assertThat(committed()).isEqualTo(2 * BUDGET_CENTS);
    }

    @Test
    void aRetryOnceAwardedStoresTheLetterItRecordedAgain() {
        Application proposed = s.decisionProposed();
        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));
        s.storage.delete(Document.letterKey(proposed.id(), "award-letter"));

        s.decisionSteps.approve(step(s.stored(proposed.id()), APPROVER, null, "c-1/ApproveDecision"));

        assertStoredLetterIsTheRecordedOne(proposed.id());
    }

    /** The bytes under the letter's key are the ones its document's hash and size were taken of. */
    private void assertStoredLetterIsTheRecordedOne(String applicationId) {
        Document doc = s.documents.find(applicationId, "award-letter").orElseThrow();
        byte[] stored = s.storage.get(doc.contentKey()).orElseThrow().bytes();
        assertThat(doc.sha256()).isEqualTo(InMemoryDocumentStorage.sha256(stored));
        assertThat(doc.sizeBytes()).isEqualTo(stored.length);
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains(s.stored(applicationId).reference().toString());
    }

    @Test
    void anApprovalOnACopyMadeStaleByAReturnStoresNothing() {
        Application proposed = s.decisionProposed();
        s.decisionSteps.returnToAdvised(step(proposed, APPROVER, new Reason("nee"), "c-1/ReturnDecision"));

        assertThatThrownBy(() -> s.decisionSteps.approve(step(proposed, APPROVER, null, "c-2/ApproveDecision")))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(s.stored(proposed.id()).status()).isEqualTo(Status.ADVISED);
        assertThat(committed()).isZero();
    }

    @Test
    void approveRefusesAnApplicationWithoutAProposal() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.decisionSteps.approve(step(advised, APPROVER, null, "c/ApproveDecision")))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> s.decisionSteps.returnToAdvised(step(s.inReview(), APPROVER, new Reason("x"), "c/ReturnDecision")))
                .isInstanceOf(Transition.NotAllowed.class);
    }

    @Test
    void returnHoldsFourEyesAndReopensTheDecisionOnce() {
        Application proposed = s.decisionProposed();
        assertThatThrownBy(() -> s.decisionSteps.returnToAdvised(step(proposed, PROPOSER, new Reason("x"), "c/ReturnDecision")))
                .isInstanceOf(FourEyes.Violation.class);

        StepContext step = step(proposed, APPROVER, new Reason("Motivering ontbreekt"), "c-1/ReturnDecision");
        s.decisionSteps.returnToAdvised(step);
        s.decisionSteps.returnToAdvised(step);

        Application stored = s.stored(proposed.id());
        assertThat(stored.status()).isEqualTo(Status.ADVISED);
        assertThat(stored.decision()).isNull();
        assertThat(s.applications.openTasks(proposed.id())).extracting(Task::type).containsExactly(TaskType.DECIDE);
        assertThat(s.applications.count(proposed.id(), "DECISION_RETURNED")).isEqualTo(1);
    }

    @Test
    void anApprovedAwardTakesEachYearsShareOfItsAllocation() {
        Application proposed = s.decisionProposed(OFFICIAL, plan("Twee jaar", Map.of(2025, 600_000L, 2026, 700_000L)),
                YearAmounts.of(Map.of(2025, 500_000L, 2026, 700_000L)));

        s.decisionSteps.approve(step(proposed, APPROVER, null, "c-1/ApproveDecision"));

        assertThat(s.allocations.stateOf(GRONINGEN.code()).committed())
                .isEqualTo(YearAmounts.of(Map.of(2025, 500_000L, 2026, 700_000L)));
        assertThat(s.letters.awardLetters().get(0).reportDeadlines())
                .containsExactly(Map.entry(2025, LocalDate.of(2026, 7, 15)), Map.entry(2026, LocalDate.of(2027, 7, 15)));
    }

    @Test
    void theLetterNamesReportDeadlinesOnlyForYearsThatAreAwardedSomething() {
        Application advised = s.advised(OFFICIAL, plan("Twee jaar", Map.of(2025, 600_000L, 2026, 700_000L)));
        s.decisions.propose(Scenario.PROPOSER, Scenario.once(), advised.id(), "AWARD",
                YearAmounts.of(Map.of(2025, 600_000L, 2026, 0L)), null, "Alleen 2025");

        s.decisions.approve(APPROVER, Scenario.once(), advised.id());

        // 2025 only, and it has begun: its report's timers are set
        assertThat(s.workflow.timers(advised.id()))
                .containsExactly("RemindReport@2026-06-14T22:00:00Z", "ChaseReport@2026-07-15T22:00:00Z");
        assertThat(s.letters.awardLetters().get(0).reportDeadlines()).containsOnlyKeys(2025);
    }
}
