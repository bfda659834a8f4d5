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

    /** Records the advisor's advice (variable {@code adviceOutcome}) and closes REVIEW, opening REVISE or DECIDE. */
    void recordAdvice(StepContext step);

    /** Escalates a review that has been open for 42 days (a timer step: the actor is the system). */
    void escalateReview(StepContext step);

    /** Records the proposed decision (DECISION_PROPOSED), closing DECIDE and opening APPROVE_DECISION. */
    void proposeDecision(StepContext step);

    /** Returns the proposed decision to ADVISED (variable {@code reason}), reopening DECIDE; four eyes apply. */
    void returnDecision(StepContext step);

    /** Approves the proposed decision: AWARDED with its award letter, or REJECTED; four eyes apply. */
    void approveDecision(StepContext step);

    /** Opens the report on the year in variable {@code year} on 1 January of that year (a timer step). */
    void openReport(StepContext step);

    /** Reminds the municipality 30 days before the deadline of the report on {@code year} (a timer step). */
    void remindReport(StepContext step);

    /** Opens the chase of the overdue report on {@code year}, the day after its deadline (a timer step). */
    void chaseReport(StepContext step);

    /** Records the report on {@code year} as submitted, closing REPORT (and any chase) and opening REVIEW_REPORT. */
    void recordReport(StepContext step);

    /** Rejects the report on {@code year} (variable {@code reason}), reopening REPORT for a resubmission. */
    void rejectReport(StepContext step);

    /** Accepts the report on {@code year}, closing REVIEW_REPORT. */
    void acceptReport(StepContext step);

    /** Opens the settlement once every awarded year's report is accepted (opens SETTLE). */
    void openSettlement(StepContext step);

    /** Records the proposed settlement, closing SETTLE and opening APPROVE_SETTLEMENT. */
    void proposeSettlement(StepContext step);

    /** Returns the proposed settlement (variable {@code reason}), reopening SETTLE; four eyes apply. */
    void returnSettlement(StepContext step);

    /** Approves the settlement: SETTLED, with its settlement letter; four eyes apply. */
    void settle(StepContext step);
}
