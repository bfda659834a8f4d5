package nl.spuk.adapter.in.workflow;

import java.util.Map;
import nl.spuk.adapter.in.workflow.decision.DecisionTasks;
import nl.spuk.adapter.in.workflow.drafting.DraftingTasks;
import nl.spuk.adapter.in.workflow.reporting.ReportingTasks;
import nl.spuk.adapter.in.workflow.review.ReviewTasks;
import nl.spuk.adapter.in.workflow.settlement.SettlementTasks;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;

/**
 * The business steps the process calls, one class per slice. The engine resolves the BPMN's expressions against
 * {@link #byName}: {@code ${decision.approve(execution)}} calls {@link DecisionTasks#approve}, which calls
 * {@link DecisionSteps#approve}, inside the engine's transaction.
 */
public record ProcessBeans(DraftingSteps drafting, ReviewSteps review, DecisionSteps decision, ReportingSteps reporting,
                           SettlementSteps settlement) {
    /** The name of the {@link ProcessDeadlines} that the timers read. */
    public static final String DEADLINES = "deadlines";

    /** The beans by the names the BPMN uses. */
    public Map<String, Object> byName() {
        return Map.of(
                DraftingTasks.BEAN, new DraftingTasks(drafting),
                ReviewTasks.BEAN, new ReviewTasks(review),
                DecisionTasks.BEAN, new DecisionTasks(decision),
                ReportingTasks.BEAN, new ReportingTasks(reporting),
                SettlementTasks.BEAN, new SettlementTasks(settlement),
                DEADLINES, new ProcessDeadlines(e -> review.reviewDueDate(StepContexts.of(e)),
                        e -> reporting.dueDate(StepContexts.of(e))));
    }
}
