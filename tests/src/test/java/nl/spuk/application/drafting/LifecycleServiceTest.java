package nl.spuk.application.drafting;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.Reason;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class LifecycleServiceTest {
    private final Scenario s = new Scenario();

    private Application completeDraft() {
        Application draft = s.draft();
        s.uploadPlan(OFFICIAL, draft.id());
        s.allocate(GRONINGEN, YEAR, 2_000_000);
        return draft;
    }

    private static List<String> fields(RuleViolationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteDraftGoesToReviewWithAReviewTaskDueInSixWeeks() {
        Application draft = completeDraft();

        Application submitted = s.lifecycle.submit(OFFICIAL, once(), draft.id());

        assertThat(submitted.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(submitted.submittedAt()).isEqualTo(T0);
        assertThat(s.stored(draft.id())).isEqualTo(submitted);
        assertThat(s.applications.openTasks(draft.id())).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TaskType.REVIEW);
            assertThat(t.dueDate()).isEqualTo(LocalDate.of(2025, 4, 14));
        });
        AuditEvent event = s.applications.history(draft.id()).get(s.applications.history(draft.id()).size() - 1);
        assertThat(event.action()).isEqualTo("SUBMITTED");
        assertThat(event.fromStatus()).isEqualTo(Status.DRAFT);
        assertThat(event.toStatus()).isEqualTo(Status.IN_REVIEW);
        assertThat(s.workflow.waits(draft.id())).containsExactly("REVIEW");
    }

    @Test
    void anIncompleteDraftIsRefusedNamingEveryMissingItemAndStaysADraft() {
        Application draft = s.draft(OFFICIAL, new Plan("Leeg plan", List.of(2025, 2026), List.of(), null));

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), draft.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder(
                        "activities", "requestedCents.2025", "requestedCents.2026", "documents"));
        assertThat(s.stored(draft.id())).isEqualTo(draft);
        assertThat(s.workflow.waits(draft.id())).containsExactly("PREPARE");
    }

    @Test
    void aRequestAboveTheAllocationIsNamedWithBothAmounts() {
        Application draft = s.draft();
        s.uploadPlan(OFFICIAL, draft.id());
        s.allocate(GRONINGEN, YEAR, 999_999);

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), draft.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("requestedCents.2025", "requested 1000000 cents exceeds the allocation of 999999 cents")));
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void onlyAnUploadedPlanCountsNotOneAnnouncedNorAnotherKind() {
        Application draft = s.draft();
        s.allocate(GRONINGEN, YEAR, 2_000_000);
        s.documentService.announce(OFFICIAL, once(), draft.id(), "plan.pdf", "application/pdf", 100, DocumentKind.PLAN);
        s.upload(OFFICIAL, draft.id(), DocumentKind.BUDGET, "begroting.pdf", Scenario.PDF);

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), draft.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(fields(e)).containsExactly("documents"));
    }

    @Test
    void onlyTheMunicipalitySubmitsAndOnlyItsOwn() {
        Application draft = completeDraft();

        assertThatThrownBy(() -> s.lifecycle.submit(ADVISOR, once(), draft.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.lifecycle.submit(PROPOSER, once(), draft.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.lifecycle.submit(UTRECHT_OFFICIAL, once(), draft.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), "no-such-id")).isInstanceOf(NotFoundException.class);
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void anAdvisedApplicationCannotBeSubmittedAgain() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), advised.id()))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("ADVISED");
    }

    @Test
    void aRevisedPlanReturnsToReviewClosingTheRevision() {
        Application back = s.changesRequested();
        assertThat(s.applications.openTasks(back.id())).extracting(Task::type).containsExactly(TaskType.REVISE);

        Application resubmitted = s.lifecycle.submit(OFFICIAL, once(), back.id());

        assertThat(resubmitted.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(resubmitted.submittedAt()).isEqualTo(back.submittedAt());
        assertThat(s.applications.openTasks(back.id())).extracting(Task::type).containsExactly(TaskType.REVIEW);
        assertThat(s.workflow.waits(back.id())).containsExactly("REVIEW");
        assertThat(s.applications.count(back.id(), "SUBMITTED")).isEqualTo(2);
    }

    @Test
    void theRetryOfASubmissionWhoseAnswerWasLostSucceedsWithoutSubmittingTwice() {
        Application draft = completeDraft();
        RequestId request = RequestId.repeatable("submit-1");
        Application first = s.lifecycle.submit(OFFICIAL, request, draft.id());

        Application retry = s.lifecycle.submit(OFFICIAL, request, draft.id());

        assertThat(retry).isEqualTo(first);
        assertThat(s.applications.count(draft.id(), "SUBMITTED")).isEqualTo(1);
    }

    @Test
    void anotherSubmissionOfAPlanInReviewIsRefused() {
        Application draft = completeDraft();
        s.lifecycle.submit(OFFICIAL, once(), draft.id());

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), draft.id()))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("IN_REVIEW");
        assertThat(s.applications.count(draft.id(), "SUBMITTED")).isEqualTo(1);
    }

    @Test
    void aSubmissionWhoseEngineTransactionFailedOnceIsMadeAgainWithinTheRequest() {
        Application draft = completeDraft();
        RequestId request = RequestId.repeatable("submit-1");
        s.workflow.failNextCommit(); // the race it lost is to its own change: the request moves the process again

        Application submitted = s.lifecycle.submit(OFFICIAL, request, draft.id());

        assertThat(submitted.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(s.workflow.waits(draft.id())).containsExactly("REVIEW");
        assertThat(s.applications.count(draft.id(), "SUBMITTED")).isEqualTo(1);
        assertThat(s.workflow.stepsRun()).containsExactly("request:submit-1/StartReview", "request:submit-1/StartReview");
    }

    @Test
    void aSubmissionWhoseEngineTransactionFailedConvergesOnItsRetry() {
        Application draft = completeDraft();
        RequestId request = RequestId.repeatable("submit-1");
        s.workflow.failNextCommits(3); // every attempt of the request

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, request, draft.id())).isInstanceOf(ConcurrentChangeException.class);
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.IN_REVIEW); // the record is ahead of the engine
        assertThat(s.workflow.waits(draft.id())).containsExactly("PREPARE");

        Application retry = s.lifecycle.submit(OFFICIAL, request, draft.id());

        assertThat(retry.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(s.workflow.waits(draft.id())).containsExactly("REVIEW");
        assertThat(s.applications.count(draft.id(), "SUBMITTED")).isEqualTo(1);
        assertThat(s.workflow.stepsRun()).containsExactly("request:submit-1/StartReview", "request:submit-1/StartReview",
                "request:submit-1/StartReview", "request:submit-1/StartReview");
    }

    @Test
    void aWithdrawalClosesEveryTaskAndEndsTheProcessRecordingTheReason() {
        Application inReview = s.inReview();

        Application withdrawn = s.lifecycle.withdraw(OFFICIAL, once(), inReview.id(), "Raad heeft anders besloten");

        assertThat(withdrawn.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(s.applications.openTasks(inReview.id())).isEmpty();
        assertThat(s.workflow.ended(inReview.id())).isTrue();
        List<AuditEvent> history = s.applications.history(inReview.id());
        assertThat(history.get(history.size() - 1).details()).containsEntry("reason", "Raad heeft anders besloten");
    }

    @Test
    void aDraftAndAnAdvisedApplicationCanBeWithdrawnButNotAProposedDecision() {
        assertThat(s.lifecycle.withdraw(OFFICIAL, once(), s.draft().id(), "niet meer nodig").status())
                .isEqualTo(Status.WITHDRAWN);
        assertThat(s.lifecycle.withdraw(OFFICIAL, once(), s.advised().id(), "niet meer nodig").status())
                .isEqualTo(Status.WITHDRAWN);

        Application proposed = s.decisionProposed();
        assertThatThrownBy(() -> s.lifecycle.withdraw(OFFICIAL, once(), proposed.id(), "te laat"))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("DECISION_PROPOSED");
        assertThat(s.stored(proposed.id()).status()).isEqualTo(Status.DECISION_PROPOSED);
    }

    @Test
    void aWithdrawalNeedsAReasonOfLimitedLength() {
        Application draft = s.draft();

        assertThatThrownBy(() -> s.lifecycle.withdraw(OFFICIAL, once(), draft.id(), " "))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(fields(e)).containsExactly("reason"));
        assertThatThrownBy(() -> s.lifecycle.withdraw(OFFICIAL, once(), draft.id(), "x".repeat(Reason.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("reason", "must be at most 2000 characters")));
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void onlyTheOwnMunicipalityWithdraws() {
        Application draft = s.draft();

        assertThatThrownBy(() -> s.lifecycle.withdraw(UTRECHT_OFFICIAL, once(), draft.id(), "weg"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.lifecycle.withdraw(PROPOSER, once(), draft.id(), "weg"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void theRetryOfAWithdrawalSucceedsButAnotherWithdrawalIsRefused() {
        Application draft = s.draft();
        RequestId request = RequestId.repeatable("withdraw-1");
        Application first = s.lifecycle.withdraw(OFFICIAL, request, draft.id(), "weg");

        assertThat(s.lifecycle.withdraw(OFFICIAL, request, draft.id(), "weg")).isEqualTo(first);
        assertThatThrownBy(() -> s.lifecycle.withdraw(OFFICIAL, once(), draft.id(), "weg"))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.applications.count(draft.id(), "WITHDRAWN")).isEqualTo(1);
    }

    @Test
    void aWithdrawnApplicationCannotBeSubmitted() {
        Application draft = completeDraft();
        s.lifecycle.withdraw(OFFICIAL, once(), draft.id(), "weg");

        assertThatThrownBy(() -> s.lifecycle.submit(OFFICIAL, once(), draft.id())).isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.applications.history(draft.id())).extracting(AuditEvent::action).doesNotContain("SUBMITTED");
    }
}
