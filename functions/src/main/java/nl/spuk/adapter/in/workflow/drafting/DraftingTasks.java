package nl.spuk.adapter.in.workflow.drafting;

import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.drafting.DraftingSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The service tasks of the submission and withdrawal in the process, as the BPMN calls them: {@code ${drafting.startReview(execution)}}.
 * Each hands its step the execution's {@link nl.spuk.application.StepContext}.
 */
public final class DraftingTasks {
    /** The name the BPMN calls this bean by. */
    public static final String BEAN = "drafting";

    private final DraftingSteps steps;

    public DraftingTasks(DraftingSteps steps) {
        this.steps = steps;
    }

    /** Runs the completeness check and, when it passes, starts the review (closing PREPARE or REVISE). */
    public void startReview(DelegateExecution execution) {
        steps.startReview(StepContexts.of(execution));
    }

    /** Records the withdrawal and closes every open task. */
    public void withdraw(DelegateExecution execution) {
        steps.withdraw(StepContexts.of(execution));
    }
}
