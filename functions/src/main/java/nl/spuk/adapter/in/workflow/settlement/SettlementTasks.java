package nl.spuk.adapter.in.workflow.settlement;

import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.settlement.SettlementSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The service tasks of the settlement in the process, as the BPMN calls them: {@code ${settlement.open(execution)}}.
 * Each hands its step the execution's {@link nl.spuk.application.StepContext}.
 */
public final class SettlementTasks {
    /** The name the BPMN calls this bean by. */
    public static final String BEAN = "settlement";

    private final SettlementSteps steps;

    public SettlementTasks(SettlementSteps steps) {
        this.steps = steps;
    }

    /** Opens the settlement once every awarded year's report is accepted. */
    public void open(DelegateExecution execution) {
        steps.open(StepContexts.of(execution));
    }

    /** Records the proposed settlement, opening APPROVE_SETTLEMENT. */
    public void propose(DelegateExecution execution) {
        steps.propose(StepContexts.of(execution));
    }

    /** Returns the proposed settlement, reopening SETTLE; four eyes apply. */
    public void returnToProposal(DelegateExecution execution) {
        steps.returnToProposal(StepContexts.of(execution));
    }

    /** Approves the settlement: SETTLED, with its letter; four eyes apply. */
    public void settle(DelegateExecution execution) {
        steps.settle(StepContexts.of(execution));
    }
}
