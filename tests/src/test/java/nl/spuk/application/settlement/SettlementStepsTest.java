package nl.spuk.application.settlement;

import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import nl.spuk.application.Reason;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.InMemoryDocumentStorage;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.fakes.StepsWorkflow;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.Document;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.SettlementLetter;
import nl.spuk.domain.Signatory;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class SettlementStepsTest {
    private final Scenario s = new Scenario();

    private static StepContext step(Application app, Actor actor, Object request, String changeId) {
        return StepContext.of(command(app, actor, request), changeId, null);
    }

    @Test
    void openOpensTheSettlementOnce() {
        Application accepted = s.reportsAccepted(800_000);
        s.settlements.returnToProposal(APPROVER, Scenario.once(),
                s.settlements.propose(PROPOSER, Scenario.once(), accepted.id()).id(), "opnieuw");
        Application settling = s.stored(accepted.id());

        s.settlementSteps.open(StepContext.ofTimer(settling.id(), "x/OpenSettlement", null));

        assertThat(s.stored(accepted.id())).isEqualTo(settling); // the SETTLE task is open already
        assertThat(s.applications.count(accepted.id(), "SETTLEMENT_OPENED")).isEqualTo(1);
    }

    @Test
    void proposeCalculatesFromTheAcceptedReportsAndConvergesOnARerun() {
        Application accepted = s.reportsAccepted(1_250_000);
        StepContext step = step(accepted, PROPOSER, null, "c-1/ProposeSettlement");

        s.settlementSteps.propose(step);
        s.settlementSteps.propose(step);

        Application stored = s.stored(accepted.id());
        assertThat(stored.settlement().totalEligibleCents()).isEqualTo(1_000_000); // capped at the award
        assertThat(stored.settlement().reclaimCents()).isZero();
        assertThat(stored.settlement().rows().get(0).reportedSpentCents()).isEqualTo(1_250_000);
        assertThat(s.applications.openTasks(accepted.id())).extracting(Task::type).containsExactly(TaskType.APPROVE_SETTLEMENT);
        assertThat(s.applications.count(accepted.id(), "SETTLEMENT_PROPOSED")).isEqualTo(1);
    }

    @Test
    void settleHoldsFourEyesInsideTheEngineTooAndRendersNothingThen() {
        Application proposed = s.settlementProposed(800_000);

        assertThatThrownBy(() -> s.settlementSteps.settle(step(proposed, PROPOSER, null, "c/Settle")))
                .isInstanceOf(FourEyes.Violation.class);
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
        assertThat(s.letters.settlementLetters()).isEmpty();
    }

    @Test
    void settleRefusesWithoutAProposal() {
        Application accepted = s.reportsAccepted(800_000);

        assertThatThrownBy(() -> s.settlementSteps.settle(step(accepted, APPROVER, null, "c/Settle")))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.stored(accepted.id())).isEqualTo(accepted);
    }

    @Test
    void settleIssuesALetterThatAddsUpWithAPaymentDateSixWeeksOut() {
        Application proposed = s.settlementProposed(800_000);
        s.clock.set(Instant.parse("2025-03-10T23:30:00Z")); // 11 March in the Netherlands
        StepContext step = step(proposed, APPROVER, null, "c-1/Settle");

        s.settlementSteps.settle(step);
        s.settlementSteps.settle(step);

        SettlementLetter letter = s.letters.settlementLetters().get(0);
        assertThat(letter.rows()).containsExactly(new SettlementLetter.Row(YEAR, 1_000_000, 800_000, 800_000));
        assertThat(letter.totalAwardedCents()).isEqualTo(1_000_000);
        assertThat(letter.totalEligibleCents()).isEqualTo(800_000);
        assertThat(letter.reclaimCents()).isEqualTo(200_000);
        assertThat(letter.settlementDate()).isEqualTo(LocalDate.of(2025, 3, 11));
        assertThat(letter.paymentDueDate()).isEqualTo(LocalDate.of(2025, 4, 22));
        assertThat(letter.municipality()).isEqualTo(GRONINGEN);
        assertThat(letter.reference()).isEqualTo("SPUK-2025-00001");
        assertThat(letter.signedBy()).isEqualTo(Signatory.approver(APPROVER.name()));
        // a rerun renders no other letter
        assertThat(s.letters.settlementLetters()).containsOnly(letter);
        Document doc = s.documents.find(proposed.id(), "settlement-letter").orElseThrow();
        assertThat(doc.fileName()).isEqualTo("eindafrekening-GM0014.pdf");
        assertThat(doc.sha256()).isEqualTo(InMemoryDocumentStorage.sha256(s.storage.get(doc.contentKey()).orElseThrow().bytes()));
        Application settled = s.stored(proposed.id());
        assertThat(settled.status()).isEqualTo(Status.SETTLED);
        assertThat(s.applications.count(proposed.id(), "SETTLED")).isEqualTo(1);
    }

    @Test
    void returnHoldsFourEyesAndReopensTheProposalOnce() {
        Application proposed = s.settlementProposed(800_000);
        assertThatThrownBy(() -> s.settlementSteps.returnToProposal(step(proposed, PROPOSER, new Reason("x"), "c/ReturnSettlement")))
                .isInstanceOf(FourEyes.Violation.class);

        StepContext step = step(proposed, APPROVER, new Reason("Herberekenen"), "c-1/ReturnSettlement");
        s.settlementSteps.returnToProposal(step);
        s.settlementSteps.returnToProposal(step);

        assertThat(s.stored(proposed.id()).settlement()).isNull();
        assertThat(s.applications.openTasks(proposed.id())).extracting(Task::type).containsExactly(TaskType.SETTLE);
        assertThat(s.applications.count(proposed.id(), "SETTLEMENT_RETURNED")).isEqualTo(1);
    }

    @Test
    void returnRefusesASettledApplication() {
        Application settled = s.settled(800_000);

        assertThatThrownBy(() -> s.settlementSteps.returnToProposal(
                step(settled, Scenario.THIRD_MINISTRY, new Reason("te laat"),
                        "c-9/ReturnSettlement"))).isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.stored(settled.id())).isEqualTo(settled);
        assertThat(s.applications.openTasks(settled.id())).isEmpty();
    }
}
