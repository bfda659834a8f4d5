package nl.spuk.adapter.in.workflow.decision;

import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.decision.DecisionSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The service tasks of the decision in the process, as the BPMN calls them: {@code ${decision.propose(execution)}}.
 * Each hands its step the execution's {@link nl.spuk.application.StepContext}.
 */
public final class DecisionTasks {
    /** The name the BPMN calls this bean by. */
    public static final String BEAN = "decision";

    private final DecisionSteps steps;

    public DecisionTasks(DecisionSteps steps) {
        this.steps = steps;
    }

    /** Records the proposed decision, opening APPROVE_DECISION. */
    public void propose(DelegateExecution execution) {
        steps.propose(StepContexts.of(execution));
    }

    /** Returns the proposed decision, reopening DECIDE; four eyes apply. */
    public void returnToAdvised(DelegateExecution execution) {
        steps.returnToAdvised(StepContexts.of(execution));
    }

    /** Approves the proposed decision: AWARDED with its letter, or REJECTED; four eyes apply. */
    public void approve(DelegateExecution execution) {
        steps.approve(StepContexts.of(execution));
    }
}
