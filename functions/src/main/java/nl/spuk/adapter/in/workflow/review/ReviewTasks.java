package nl.spuk.adapter.in.workflow.review;

import nl.spuk.adapter.in.workflow.StepContexts;
import nl.spuk.application.review.ReviewSteps;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The service tasks of the review in the process, as the BPMN calls them: {@code ${review.recordAdvice(execution)}}.
 * Each hands its step the execution's {@link nl.spuk.application.StepContext}.
 */
public final class ReviewTasks {
    /** The name the BPMN calls this bean by. */
    public static final String BEAN = "review";

    private final ReviewSteps steps;

    public ReviewTasks(ReviewSteps steps) {
        this.steps = steps;
    }

    /** Records the advisor's advice, opening REVISE or DECIDE. */
    public void recordAdvice(DelegateExecution execution) {
        steps.recordAdvice(StepContexts.of(execution));
    }

    /** Escalates a review open for the review period (a timer step). */
    public void escalate(DelegateExecution execution) {
        steps.escalate(StepContexts.of(execution));
    }
}
