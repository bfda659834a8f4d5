package nl.spuk.application;

/**
 * The business steps the application process calls, each inside the engine's transaction. Every step writes
 * the business record conditionally and idempotently: a repeat of an applied change (same changeId) is
 * success. A step that throws rolls the engine transaction back and its exception reaches the API caller.
 */
public interface ProcessSteps {

    /**
     * Runs the completeness check and, when it passes, moves the plan from DRAFT or CHANGES_REQUESTED to
     * IN_REVIEW (closing PREPARE or REVISE, opening REVIEW).
     *
     * @throws RuleViolationException naming every missing item, when the check fails
     */
    void startReview(StepContext step);

    /**
     * Records the withdrawal (variable {@code reason}) and closes every open task of the application.
     */
    void withdraw(StepContext step);
}
