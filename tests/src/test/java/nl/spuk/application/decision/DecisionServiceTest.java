package nl.spuk.application.decision;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.BUDGET_CENTS;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.amounts;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import nl.spuk.application.AllocationExceededException;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Document;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class DecisionServiceTest {
    private final Scenario s = new Scenario();

    private Application propose(Actor actor, String id, String outcome, YearAmounts award) {
        return s.decisions.propose(actor, once(), id, outcome, award, "Rapporteer per jaar", "Positief geadviseerd");
    }

    private static List<FieldError> errors(Throwable e) {
        return ((RuleViolationException) e).errors();
    }

    private long committed(int year) {
        return s.allocations.stateOf(GRONINGEN.code()).committed().get(year);
    }

    @Test
    void anAwardWithinTheRequestAndTheAllocationIsProposedForASecondPairOfEyes() {
        Application advised = s.advised();

        Application proposed = propose(PROPOSER, advised.id(), "AWARD", amounts(YEAR, 900_000));

        assertThat(proposed.status()).isEqualTo(Status.DECISION_PROPOSED);
        assertThat(proposed.decision().outcome()).isEqualTo(DecisionOutcome.AWARD);
        assertThat(proposed.decision().awardedCents()).isEqualTo(amounts(YEAR, 900_000));
        assertThat(proposed.decision().proposedBy()).isEqualTo(PROPOSER.id());
        assertThat(proposed.decision().proposedAt()).isEqualTo(T0);
        assertThat(proposed.decision().approvedBy()).isNull();
        assertThat(proposed.awardedCents()).isEqualTo(YearAmounts.EMPTY); // nothing is awarded until approved
        assertThat(s.applications.openTasks(advised.id())).extracting(Task::type).containsExactly(TaskType.APPROVE_DECISION);
        assertThat(s.workflow.waits(advised.id())).containsExactly("APPROVE_DECISION");
        assertThat(committed(YEAR)).isZero();
    }

    @Test
    void aRejectionIsProposedWithoutAmounts() {
        Application advised = s.advised();

        Application proposed = propose(PROPOSER, advised.id(), "REJECT", null);

        assertThat(proposed.decision().outcome()).isEqualTo(DecisionOutcome.REJECT);
        assertThat(proposed.decision().awardedCents()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void anAwardAboveTheRequestOutsideThePlanNegativeOrEmptyIsRefusedPerYear() {
        Application advised = s.advised();
        String id = advised.id();

        assertThatThrownBy(() -> propose(PROPOSER, id, "AWARD", YearAmounts.of(Map.of(2025, BUDGET_CENTS + 1, 2026, 5L))))
                .satisfies(e -> assertThat(errors(e)).containsExactlyInAnyOrder(
                        new FieldError("awardedCents.2025", "exceeds the 1000000 cents requested"),
                        new FieldError("awardedCents.2026", "year 2026 is not one of the application's years")));
        assertThatThrownBy(() -> propose(PROPOSER, id, "AWARD", amounts(2025, -1)))
                .satisfies(e -> assertThat(errors(e)).containsExactlyInAnyOrder(
                        new FieldError("awardedCents", "an award gives an amount above zero for at least one year"),
                        new FieldError("awardedCents.2025", "must not be negative")));
        assertThatThrownBy(() -> propose(PROPOSER, id, "AWARD", null))
                .satisfies(e -> assertThat(errors(e)).extracting(FieldError::field).containsExactly("awardedCents"));
        assertThat(s.stored(id)).isEqualTo(advised);
    }

    @Test
    void anAwardMayTakeOnlyWhatOtherAwardsLeftOfTheAllocation() {
        s.allocate(GRONINGEN, YEAR, 1_500_000);
        s.awarded(OFFICIAL, plan(), amounts(YEAR, BUDGET_CENTS));
        Application second = s.advised(OFFICIAL, plan("Tweede plan", Map.of(YEAR, 800_000L)));

        assertThatThrownBy(() -> propose(PROPOSER, second.id(), "AWARD", amounts(YEAR, 600_000)))
                .satisfies(e -> assertThat(errors(e)).containsExactly(new FieldError("awardedCents.2025",
                        "exceeds what is left of the allocation: 500000 cents")));
        assertThat(propose(PROPOSER, second.id(), "AWARD", amounts(YEAR, 500_000)).status())
                .isEqualTo(Status.DECISION_PROPOSED);
    }

    @Test
    void aProposalNeedsAnOutcomeAMotivationAndNoAmountForARejection() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.decisions.propose(PROPOSER, once(), advised.id(), "PERHAPS", null, null, " "))
                .satisfies(e -> assertThat(errors(e)).extracting(FieldError::field).containsExactly("outcome", "motivation"));
        assertThatThrownBy(() -> s.decisions.propose(PROPOSER, once(), advised.id(), "REJECT", amounts(YEAR, 10),
                "x".repeat(DecisionService.MAX_CONDITIONS + 1), "nee"))
                .satisfies(e -> assertThat(errors(e)).containsExactlyInAnyOrder(
                        new FieldError("conditions", "must be at most 10000 characters"),
                        new FieldError("awardedCents", "a rejection awards nothing")));
    }

    @Test
    void onlyTheMinistryDecidesAndOnlyOnAnAdvisedApplication() {
        Application inReview = s.inReview();
        Application advised = s.advised();

        assertThatThrownBy(() -> propose(OFFICIAL, advised.id(), "AWARD", amounts(YEAR, 1))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> propose(ADVISOR, advised.id(), "AWARD", amounts(YEAR, 1))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> propose(PROPOSER, inReview.id(), "AWARD", amounts(YEAR, 1)))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("IN_REVIEW");
        propose(PROPOSER, advised.id(), "AWARD", amounts(YEAR, 1));
        assertThatThrownBy(() -> propose(APPROVER, advised.id(), "AWARD", amounts(YEAR, 2)))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("DECISION_PROPOSED");
    }

    @Test
    void anotherMinistryUserApprovesTheAwardWhichTakesTheAllocationAndIssuesTheLetter() {
        Application proposed = s.decisionProposed();

        Application awarded = s.decisions.approve(APPROVER, once(), proposed.id());

        assertThat(awarded.status()).isEqualTo(Status.AWARDED);
        assertThat(awarded.decision().approvedBy()).isEqualTo(APPROVER.id());
        assertThat(awarded.awardedCents()).isEqualTo(amounts(YEAR, BUDGET_CENTS));
        assertThat(committed(YEAR)).isEqualTo(BUDGET_CENTS);
        Document letter = s.documents.find(proposed.id(), "award-letter").orElseThrow();
        assertThat(letter.kind()).isEqualTo(DocumentKind.DECISION);
        assertThat(s.storage.get(letter.contentKey())).isPresent();
        // the year has begun: its report opens in the approval itself
        assertThat(s.applications.openTasks(proposed.id())).extracting(Task::taskId)
                .containsExactly(Task.idOf(proposed.id(), TaskType.REPORT, YEAR));
        assertThat(s.applications.actions(proposed.id())).endsWith("DECISION_APPROVED", "REPORT_OPENED");
        AuditEvent approved = s.applications.history(proposed.id()).get(s.applications.history(proposed.id()).size() - 2);
        assertThat(approved.details()).containsEntry("outcome", "AWARD").containsEntry("proposedBy", PROPOSER.name());
        assertThat(s.workflow.timers(proposed.id()))
                .containsExactly("RemindReport@2026-06-14T22:00:00Z", "ChaseReport@2026-07-15T22:00:00Z");
    }

    @Test
    void theProposerCannotApproveNorReturnTheirOwnProposal() {
        Application proposed = s.decisionProposed();

        assertThatThrownBy(() -> s.decisions.approve(PROPOSER, once(), proposed.id())).isInstanceOf(FourEyes.Violation.class);
        assertThatThrownBy(() -> s.decisions.returnToAdvised(PROPOSER, once(), proposed.id(), "toch niet"))
                .isInstanceOf(FourEyes.Violation.class);
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
        assertThat(committed(YEAR)).isZero();
        assertThat(s.letters.awardLetters()).isEmpty();
    }

    @Test
    void anApprovedRejectionTakesNothingAndEndsTheProcessWithoutALetter() {
        Application advised = s.advised();
        propose(PROPOSER, advised.id(), "REJECT", null);

        Application rejected = s.decisions.approve(APPROVER, once(), advised.id());

        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(committed(YEAR)).isZero();
        assertThat(s.documents.list(advised.id())).extracting(Document::kind).doesNotContain(DocumentKind.DECISION);
        assertThat(s.workflow.ended(advised.id())).isTrue();
    }

    @Test
    void anApprovalThatNoLongerFitsTheAllocationIsRefusedAndLeavesTheProposal() {
        s.allocate(GRONINGEN, YEAR, 1_500_000);
        Application first = s.decisionProposed();
        Application second = s.decisionProposed();
        s.decisions.approve(APPROVER, once(), first.id());

        assertThatThrownBy(() -> s.decisions.approve(APPROVER, once(), second.id()))
                .isInstanceOf(AllocationExceededException.class).hasMessageContaining("500000 cents left");
        assertThat(s.stored(second.id()).status()).isEqualTo(Status.DECISION_PROPOSED);
        assertThat(s.workflow.waits(second.id())).containsExactly("APPROVE_DECISION");
        assertThat(committed(YEAR)).isEqualTo(BUDGET_CENTS);
    }

    @Test
    void aReturnedProposalGoesBackToAdvisedForANewProposal() {
        Application proposed = s.decisionProposed();

        Application returned = s.decisions.returnToAdvised(APPROVER, once(), proposed.id(), "Bedrag klopt niet");

        assertThat(returned.status()).isEqualTo(Status.ADVISED);
        assertThat(returned.decision()).isNull();
        assertThat(s.applications.openTasks(proposed.id())).extracting(Task::type).containsExactly(TaskType.DECIDE);
        assertThat(s.workflow.waits(proposed.id())).containsExactly("DECIDE");
        assertThat(s.applications.history(proposed.id()).get(s.applications.history(proposed.id()).size() - 1).details())
                .containsEntry("reason", "Bedrag klopt niet");
        Application again = propose(APPROVER, proposed.id(), "AWARD", amounts(YEAR, 700_000));
        assertThat(again.decision().proposedBy()).isEqualTo(APPROVER.id());
    }

    @Test
    void aReturnNeedsAReason() {
        Application proposed = s.decisionProposed();

        assertThatThrownBy(() -> s.decisions.returnToAdvised(APPROVER, once(), proposed.id(), null))
                .satisfies(e -> assertThat(errors(e)).extracting(FieldError::field).containsExactly("reason"));
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
    }

    @Test
    void withoutAProposalThereIsNothingToApproveOrReturn() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.decisions.approve(APPROVER, once(), advised.id())).isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> s.decisions.returnToAdvised(APPROVER, once(), advised.id(), "nee"))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> s.decisions.approve(new Actor("x", "X", Role.MINISTRY, null), once(), "no-such-id"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theRetryOfAnApprovalCommitsTheAwardOnce() {
        Application proposed = s.decisionProposed();
        RequestId request = RequestId.repeatable("approve-1");
        Application first = s.decisions.approve(APPROVER, request, proposed.id());

        Application retry = s.decisions.approve(APPROVER, request, proposed.id());

        assertThat(retry).isEqualTo(first);
        assertThat(committed(YEAR)).isEqualTo(BUDGET_CENTS);
        assertThat(s.applications.count(proposed.id(), "DECISION_APPROVED")).isEqualTo(1);
        assertThatThrownBy(() -> s.decisions.approve(APPROVER, once(), proposed.id())).isInstanceOf(Transition.NotAllowed.class);
    }

    @Test
    void anApprovalWhoseEngineTransactionFailedConvergesOnItsRetry() {
        Application proposed = s.decisionProposed();
        RequestId request = RequestId.repeatable("approve-1");
        s.workflow.failNextCommits(3); // every attempt of the request
        assertThatThrownBy(() -> s.decisions.approve(APPROVER, request, proposed.id()))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(s.stored(proposed.id()).status()).isEqualTo(Status.AWARDED);
        assertThat(s.workflow.waits(proposed.id())).containsExactly("APPROVE_DECISION");

        Application retry = s.decisions.approve(APPROVER, request, proposed.id());

        assertThat(retry.status()).isEqualTo(Status.AWARDED);
        assertThat(s.workflow.waits(proposed.id())).containsExactly("REPORT:" + YEAR);
        assertThat(s.workflow.timers(proposed.id())).hasSize(2);
        assertThat(committed(YEAR)).isEqualTo(BUDGET_CENTS);
        // every attempt stores the letter of the one award, under the one number it took
        assertThat(s.letters.awardLetters()).extracting(l -> l.reference().toString()).containsOnly("SPUK-2025-00001");
        assertThat(s.applications.nextReference(YEAR)).hasToString("SPUK-2025-00002");
    }

    @Test
    void theRetriesOfAProposalAndOfAReturnSucceedOnceAndOthersAreRefused() {
        Application advised = s.advised();
        RequestId proposal = RequestId.repeatable("propose-1");
        s.decisions.propose(PROPOSER, proposal, advised.id(), "AWARD", amounts(YEAR, 10), null, "ok");
        s.decisions.propose(PROPOSER, proposal, advised.id(), "AWARD", amounts(YEAR, 10), null, "ok");
        assertThatThrownBy(() -> s.decisions.propose(PROPOSER, once(), advised.id(), "AWARD", amounts(YEAR, 10), null, "ok"))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.applications.count(advised.id(), "DECISION_PROPOSED")).isEqualTo(1);

        RequestId giveBack = RequestId.repeatable("return-1");
        s.decisions.returnToAdvised(APPROVER, giveBack, advised.id(), "nee");
        assertThat(s.decisions.returnToAdvised(APPROVER, giveBack, advised.id(), "nee").status()).isEqualTo(Status.ADVISED);
        assertThatThrownBy(() -> s.decisions.returnToAdvised(APPROVER, once(), advised.id(), "nee"))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.applications.count(advised.id(), "DECISION_RETURNED")).isEqualTo(1);
    }
}
