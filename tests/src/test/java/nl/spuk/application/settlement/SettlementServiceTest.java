package nl.spuk.application.settlement;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.THIRD_MINISTRY;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static nl.spuk.application.fakes.Scenario.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.Application;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class SettlementServiceTest {
    private final Scenario s = new Scenario();

    /** Awarded 600 000 for 2025 and 400 000 for 2026; reports accepted spending as given. */
    private Application twoYearsAccepted(long spent2025, long spent2026) {
        Application app = s.awarded(OFFICIAL, plan("Twee jaar", Map.of(2025, 600_000L, 2026, 400_000L)),
                YearAmounts.of(Map.of(2025, 600_000L, 2026, 400_000L)));
        s.clock.setDay(LocalDate.of(2026, 1, 2));
        s.workflow.runDueJobs();
        s.reports.submit(OFFICIAL, once(), app.id(), 2025, report(spent2025));
        s.reports.submit(OFFICIAL, once(), app.id(), 2026, report(spent2026));
        s.reports.review(APPROVER, once(), app.id(), 2025, "ACCEPT", null);
        s.reports.review(APPROVER, once(), app.id(), 2026, "ACCEPT", null);
        return s.stored(app.id());
    }

    @Test
    void theProposedSettlementReclaimsWhatWasAwardedAndNotSpent() {
        Application accepted = s.reportsAccepted(800_000);

        Application proposed = s.settlements.propose(PROPOSER, once(), accepted.id());

        Settlement settlement = proposed.settlement();
        assertThat(settlement.rows()).containsExactly(new Settlement.Row(YEAR, 1_000_000, 800_000, 800_000));
        assertThat(settlement.totalAwardedCents()).isEqualTo(1_000_000);
        assertThat(settlement.totalEligibleCents()).isEqualTo(800_000);
        assertThat(settlement.reclaimCents()).isEqualTo(200_000);
        assertThat(settlement.proposedBy()).isEqualTo(PROPOSER.id());
        assertThat(settlement.approvedBy()).isNull();
        assertThat(proposed.status()).isEqualTo(Status.REPORTING);
        assertThat(s.applications.openTasks(accepted.id())).extracting(Task::type).containsExactly(TaskType.APPROVE_SETTLEMENT);
        assertThat(s.workflow.waits(accepted.id())).containsExactly("APPROVE_SETTLEMENT");
        assertThat(s.applications.history(accepted.id()).get(s.applications.history(accepted.id()).size() - 1).details())
                .containsEntry("totalEligibleCents", 800_000L).containsEntry("reclaimCents", 200_000L);
    }

    @Test
    void overspendingInOneYearDoesNotMakeUpForUnderspendingInAnother() {
        Application accepted = twoYearsAccepted(900_000, 100_000);

        Settlement settlement = s.settlements.propose(PROPOSER, once(), accepted.id()).settlement();

        assertThat(settlement.rows()).containsExactly(new Settlement.Row(2025, 600_000, 900_000, 600_000),
                new Settlement.Row(2026, 400_000, 100_000, 100_000));
        assertThat(settlement.totalEligibleCents()).isEqualTo(700_000);
        assertThat(settlement.reclaimCents()).isEqualTo(300_000);
    }

    @Test
    void nothingIsReclaimedWhenEveryYearsAwardWasSpent() {
        Application accepted = twoYearsAccepted(600_000, 450_000);

        Application settled = s.settlements.approve(APPROVER, once(),
                s.settlements.propose(PROPOSER, once(), accepted.id()).id());

        assertThat(settled.settlement().reclaimCents()).isZero();
        assertThat(s.letters.settlementLetters().get(0).paymentDueDate()).isNull();
    }

    @Test
    void aSettlementIsProposedOnlyOnceEveryReportIsAcceptedAndOnlyOnce() {
        Application reporting = s.reportSubmitted(800_000);
        assertThatThrownBy(() -> s.settlements.propose(PROPOSER, once(), reporting.id()))
                .isInstanceOf(ConflictException.class).hasMessage(
                        "a settlement can be proposed once every awarded year's report is accepted");

        s.reports.review(APPROVER, once(), reporting.id(), YEAR, "ACCEPT", null);
        s.settlements.propose(PROPOSER, once(), reporting.id());
        assertThatThrownBy(() -> s.settlements.propose(APPROVER, once(), reporting.id()))
                .isInstanceOf(ConflictException.class).hasMessageEndingWith("; one is proposed already");
        assertThat(s.stored(reporting.id()).settlement().proposedBy()).isEqualTo(PROPOSER.id());
    }

    @Test
    void onlyTheMinistrySettles() {
        Application accepted = s.reportsAccepted(800_000);

        assertThatThrownBy(() -> s.settlements.propose(OFFICIAL, once(), accepted.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.settlements.propose(ADVISOR, once(), accepted.id())).isInstanceOf(ForbiddenException.class);
        Application proposed = s.settlements.propose(PROPOSER, once(), accepted.id());
        assertThatThrownBy(() -> s.settlements.approve(OFFICIAL, once(), proposed.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anotherMinistryUserApprovesItSettlingTheApplicationWithItsLetter() {
        Application proposed = s.settlementProposed(800_000);

        Application settled = s.settlements.approve(APPROVER, once(), proposed.id());

        assertThat(settled.status()).isEqualTo(Status.SETTLED);
        assertThat(settled.settlement().approvedBy()).isEqualTo(APPROVER.id());
        assertThat(settled.settlement().approvedAt()).isEqualTo(T0);
        assertThat(s.applications.openTasks(proposed.id())).isEmpty();
        assertThat(s.workflow.ended(proposed.id())).isTrue();
        assertThat(s.documents.find(proposed.id(), "settlement-letter"))
                .hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(DocumentKind.SETTLEMENT));
        assertThat(s.figures.forMunicipality(proposed.municipalityCode(), YEAR).reclaimCents()).isEqualTo(200_000);
    }

    @Test
    void theProposerCannotApproveNorReturnTheirOwnSettlement() {
        Application proposed = s.settlementProposed(800_000);

        assertThatThrownBy(() -> s.settlements.approve(PROPOSER, once(), proposed.id())).isInstanceOf(FourEyes.Violation.class);
        assertThatThrownBy(() -> s.settlements.returnToProposal(PROPOSER, once(), proposed.id(), "nee"))
                .isInstanceOf(FourEyes.Violation.class);
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
        assertThat(s.letters.settlementLetters()).isEmpty();
    }

    @Test
    void aReturnedSettlementIsProposedAnewAndMayThenBeApprovedByTheFirstProposer() {
        Application proposed = s.settlementProposed(800_000);

        Application returned = s.settlements.returnToProposal(APPROVER, once(), proposed.id(), "Verslag 2025 herberekenen");

        assertThat(returned.settlement()).isNull();
        assertThat(returned.status()).isEqualTo(Status.REPORTING);
        assertThat(s.applications.openTasks(proposed.id())).extracting(Task::type).containsExactly(TaskType.SETTLE);
        assertThat(s.workflow.waits(proposed.id())).containsExactly("SETTLE");
        s.settlements.propose(APPROVER, once(), proposed.id());
        assertThat(s.settlements.approve(PROPOSER, once(), proposed.id()).status()).isEqualTo(Status.SETTLED);
    }

    @Test
    void aReturnNeedsAReasonAndAProposal() {
        Application proposed = s.settlementProposed(800_000);
        assertThatThrownBy(() -> s.settlements.returnToProposal(APPROVER, once(), proposed.id(), ""))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("reason"));

        Application accepted = s.reportsAccepted(800_000);
        assertThatThrownBy(() -> s.settlements.returnToProposal(APPROVER, once(), accepted.id(), "nee"))
                .isInstanceOf(Transition.NotAllowed.class).hasMessage("there is no proposed settlement to act on");
        assertThatThrownBy(() -> s.settlements.approve(APPROVER, once(), accepted.id()))
                .isInstanceOf(Transition.NotAllowed.class);
    }

    @Test
    void aSettledApplicationIsNotSettledAgain() {
        Application settled = s.settled(800_000);

        assertThatThrownBy(() -> s.settlements.approve(THIRD_MINISTRY, once(), settled.id())).isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> s.settlements.returnToProposal(APPROVER, once(), settled.id(), "te laat"))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThatThrownBy(() -> s.settlements.propose(PROPOSER, once(), settled.id())).isInstanceOf(ConflictException.class);
        assertThat(s.stored(settled.id())).isEqualTo(settled);
    }

    @Test
    void theRetriesOfAProposalAnApprovalAndAReturnTakeEffectOnce() {
        Application accepted = s.reportsAccepted(800_000);
        RequestId proposal = RequestId.repeatable("propose-1");
        s.settlements.propose(PROPOSER, proposal, accepted.id());
        s.settlements.propose(PROPOSER, proposal, accepted.id());
        RequestId giveBack = RequestId.repeatable("return-1");
        s.settlements.returnToProposal(APPROVER, giveBack, accepted.id(), "nee");
        s.settlements.returnToProposal(APPROVER, giveBack, accepted.id(), "nee");
        s.settlements.propose(PROPOSER, once(), accepted.id());
        RequestId approval = RequestId.repeatable("approve-1");
        Application settled = s.settlements.approve(APPROVER, approval, accepted.id());

        assertThat(s.settlements.approve(APPROVER, approval, accepted.id())).isEqualTo(settled);
        assertThat(s.applications.count(accepted.id(), "SETTLEMENT_PROPOSED")).isEqualTo(2);
        assertThat(s.applications.count(accepted.id(), "SETTLEMENT_RETURNED")).isEqualTo(1);
        assertThat(s.applications.count(accepted.id(), "SETTLED")).isEqualTo(1);
        assertThat(s.letters.settlementLetters()).hasSize(1);
    }
}
