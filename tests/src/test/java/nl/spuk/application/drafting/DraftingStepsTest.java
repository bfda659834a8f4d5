package nl.spuk.application.drafting;

import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.YEAR;
import static nl.spuk.application.fakes.Scenario.command;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.ProcessCommand;
import nl.spuk.application.Reason;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.port.Allocation;
import nl.spuk.application.port.AllocationRepository;
import nl.spuk.application.port.AllocationState;
import nl.spuk.domain.Application;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class DraftingStepsTest {
    private final Scenario s = new Scenario();

    /** A draft with its plan uploaded, as the submission's command reads it with its documents. */
    private ProcessCommand submission(Application app) {
        return command(app, OFFICIAL, new Submission(s.documents.list(app.id())));
    }

    private Application draftWithPlan(long allocation) {
        Application draft = s.draft();
        s.uploadPlan(OFFICIAL, draft.id());
        if (allocation > 0) {
            s.allocate(GRONINGEN, YEAR, allocation);
        }
        return s.stored(draft.id());
    }

    private static StepContext step(ProcessCommand command, String changeId) {
        return StepContext.of(command, changeId, null);
    }

    @Test
    void startReviewMovesTheDraftToReviewOpeningAReviewDueInFortyTwoDaysAndClosingPrepare() {
        Application draft = draftWithPlan(2_000_000);

        s.draftingSteps.startReview(step(submission(draft), "c-1/StartReview"));

        Application stored = s.stored(draft.id());
        assertThat(stored.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(stored.version()).isEqualTo(draft.version() + 1);
        assertThat(stored.submittedAt()).isEqualTo(T0);
        assertThat(s.applications.openTasks(draft.id())).containsExactly(
                new Task(draft.id() + ":REVIEW", TaskType.REVIEW, draft.id(), GRONINGEN.code(), T0, LocalDate.of(2025, 4, 14),
                        draft.plan().title(), draft.municipality().name(), null));
        assertThat(s.applications.changeIds(draft.id())).contains("c-1/StartReview");
    }

    @Test
    void aReRunOfTheStepWithItsChangeIdConvergesAlsoOnTheCopyItReadBefore() {
        Application draft = draftWithPlan(2_000_000);
        s.draftingSteps.startReview(step(submission(draft), "c-1/StartReview"));
        Application after = s.stored(draft.id());

        s.draftingSteps.startReview(step(submission(draft), "c-1/StartReview")); // the command's stale copy
        s.draftingSteps.startReview(step(submission(after), "c-1/StartReview")); // a fresh read

        assertThat(s.stored(draft.id())).isEqualTo(after);
        assertThat(s.applications.count(draft.id(), "SUBMITTED")).isEqualTo(1);
    }

    @Test
    void aCommandMadeStaleByARacingChangeStoresNothing() {
        Application draft = draftWithPlan(2_000_000);
        s.drafts.update(OFFICIAL, draft.id(), plan("Gewijzigd", Map.of(YEAR, 500_000L)), draft.version());

        assertThatThrownBy(() -> s.draftingSteps.startReview(step(submission(draft), "c-1/StartReview")))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
        assertThat(s.applications.openTasks(draft.id())).extracting(Task::type).containsExactly(TaskType.PREPARE);
    }

    @Test
    void theStepRefusesAnApplicationPastReview() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.draftingSteps.startReview(step(submission(advised), "c-1/StartReview")))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("ADVISED");
        assertThat(s.stored(advised.id())).isEqualTo(advised);
    }

    @Test
    void theStepJudgesTheUploadByTheDocumentsTheCommandHandsOn() {
        Application draft = draftWithPlan(2_000_000);
        ProcessCommand withoutDocuments = command(draft, OFFICIAL, new Submission(List.of()));

        assertThatThrownBy(() -> s.draftingSteps.startReview(step(withoutDocuments, "c-1/StartReview")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("documents", "upload the plan (a document of kind PLAN)")));
        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void theStoreRefusesAReviewWhoseAllocationIsTooSmallAndTheRefusalNamesIt() {
        Application draft = draftWithPlan(400_000);

        assertThatThrownBy(() -> s.draftingSteps.startReview(step(submission(draft), "c-1/StartReview")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("requestedCents.2025", "requested 1000000 cents exceeds the allocation of 400000 cents")));
        assertThat(s.stored(draft.id())).isEqualTo(draft);
    }

    @Test
    void aYearThatRequestsNothingStillNeedsAnAllocation() {
        Application draft = s.draft(OFFICIAL, new nl.spuk.domain.Plan("Twee jaar", List.of(2025, 2026),
                plan().activities(), null));
        s.uploadPlan(OFFICIAL, draft.id());
        s.allocate(GRONINGEN, 2025, 2_000_000);

        assertThatThrownBy(() -> s.draftingSteps.startReview(step(submission(s.stored(draft.id())), "c-1/StartReview")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("requestedCents.2026", "no allocation has been set for 2026 yet")));
    }

    @Test
    void anAllocationSetBetweenTheStoresRefusalAndItsReadIsCheckedOnceMoreAndTheReviewStarts() {
        Application draft = draftWithPlan(0);
        AllocationRepository settingMeanwhile = new AllocationRepository() {
            @Override
            public AllocationState stateOf(MunicipalityCode municipality) {
                // the ministry sets the allocation right after the store refused the review for want of it
                s.allocations.setAll(List.of(new Allocation(municipality, YEAR, 1_500_000)));
                return s.allocations.stateOf(municipality);
            }

            @Override
            public Map<MunicipalityCode, YearAmounts> all() {
                return s.allocations.all();
            }

            @Override
            public void setAll(List<Allocation> allocations) {
                s.allocations.setAll(allocations);
            }
        };
        DraftingSteps steps = new DraftingSteps(s.applications, settingMeanwhile, s.planRules, s.clock);

        steps.startReview(step(submission(draft), "c-1/StartReview"));

        assertThat(s.stored(draft.id()).status()).isEqualTo(Status.IN_REVIEW);
    }

    @Test
    void aRevisedPlanClosesTheRevisionTask() {
        Application back = s.changesRequested();

        s.draftingSteps.startReview(step(submission(back), "c-1/StartReview"));

        assertThat(s.applications.openTasks(back.id())).extracting(Task::type).containsExactly(TaskType.REVIEW);
        assertThat(s.applications.history(back.id()).get(s.applications.history(back.id()).size() - 1).fromStatus())
                .isEqualTo(Status.CHANGES_REQUESTED);
    }

    @Test
    void withdrawClosesEveryOpenTaskAndConvergesOnARerun() {
        Application inReview = s.inReview();
        StepContext step = step(command(inReview, OFFICIAL, new Reason("Geen budget")), "c-9/Withdraw");

        s.draftingSteps.withdraw(step);
        s.draftingSteps.withdraw(step);

        Application stored = s.stored(inReview.id());
        assertThat(stored.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(stored.version()).isEqualTo(inReview.version() + 1);
        assertThat(s.applications.openTasks(inReview.id())).isEmpty();
        assertThat(s.applications.count(inReview.id(), "WITHDRAWN")).isEqualTo(1);
    }

    @Test
    void withdrawRefusesAnApplicationWithAProposedDecision() {
        Application proposed = s.decisionProposed();

        assertThatThrownBy(() -> s.draftingSteps.withdraw(step(command(proposed, OFFICIAL, new Reason("te laat")), "c/Withdraw")))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.stored(proposed.id())).isEqualTo(proposed);
    }
}
