package nl.spuk.application;

/**
 * The names the BPMN and the code share, in one place: the process variables (the gateways and per-year tasks read
 * them, the commands set them, the Workflow adapter passes them; all but {@link #YEAR} are transient: they live for
 * the one engine call that moves the process on) and the messages the process waits for.
 */
public final class ProcessNames {
    /** The command that moves the process ({@link ProcessCommand}), for the steps. */
    public static final String COMMAND = "command";
    /** The base of the change ids of the steps of one call: the request's identity, or the task or message. */
    public static final String CHANGE_ID = "changeId";
    /** The year of a per-year task (reports); kept by the engine on the year's executions. */
    public static final String YEAR = "year";

    // what the gateways decide on
    public static final String ADVICE_OUTCOME = "adviceOutcome";
    public static final String DECISION_OUTCOME = "decisionOutcome";
    public static final String AWARDED_YEARS = "awardedYears";
    public static final String APPROVAL = "approval";
    public static final String REPORT_REVIEW = "reportReview";
    public static final String SETTLEMENT_APPROVAL = "settlementApproval";

    /** The message that withdraws an application, caught on every task up to ADVISED. */
    public static final String WITHDRAW_MESSAGE = "withdraw";
    /** The message that moves a year's report due date later, caught on that year's REPORT task. */
    public static final String EXTEND_REPORT_DEADLINE_MESSAGE = "extendReportDeadline";

    private ProcessNames() {
    }
}
