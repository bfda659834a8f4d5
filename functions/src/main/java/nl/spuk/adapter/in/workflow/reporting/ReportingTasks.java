package nl.spuk.adapter.in.workflow.reporting;

import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.reporting.ReportingSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The service tasks of the yearly reports in the process, as the BPMN calls them: {@code ${reporting.open(execution)}}.
 * Each hands its step the execution's {@link nl.spuk.application.StepContext}.
 */
public final class ReportingTasks {
    /** The name the BPMN calls this bean by. */
    public static final String BEAN = "reporting";

    private final ReportingSteps steps;

    public ReportingTasks(ReportingSteps steps) {
        this.steps = steps;
    }

    /** Opens the report on the year on 1 January of the next year (a timer step). */
    public void open(DelegateExecution execution) {
        steps.open(StepContexts.of(execution));
    }

    /** Reminds the municipality before the report deadline (a timer step). */
    public void remind(DelegateExecution execution) {
        steps.remind(StepContexts.of(execution));
    }

    /** Opens the chase of an overdue report (a timer step). */
    public void chase(DelegateExecution execution) {
        steps.chase(StepContexts.of(execution));
    }

    /** Records the submitted report, opening REVIEW_REPORT. */
    public void record(DelegateExecution execution) {
        steps.record(StepContexts.of(execution));
    }

    /** Moves the report's due date later, as the ministry asked; the process waits in REPORT again. */
    public void extend(DelegateExecution execution) {
        steps.extend(StepContexts.of(execution));
    }

    /** Rejects the report, reopening REPORT. */
    public void reject(DelegateExecution execution) {
        steps.reject(StepContexts.of(execution));
    }

    /** Accepts the report. */
    public void accept(DelegateExecution execution) {
        steps.accept(StepContexts.of(execution));
    }
}
