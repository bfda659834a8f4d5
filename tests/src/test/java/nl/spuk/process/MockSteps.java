package nl.spuk.process;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.time.LocalDate;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.application.StepContext;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;
import nl.spuk.domain.SchemeRules;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.mockito.Answers;
import org.mockito.stubbing.Answer;

/**
 * The process's business steps as Mockito mocks, one per slice: tests of the process and its adapter, not the steps.
 * The dates the timers read from the application answer as an application that never moved them would (42 days of
 * review from the engine's today, the scheme's report deadline), unless a test stubs them; the answer survives a reset.
 */
public final class MockSteps {
    private MockSteps() {
    }

    /** A fresh mock of every slice's steps. */
    public static ProcessBeans mocks() {
        return new ProcessBeans(mock(DraftingSteps.class), mock(ReviewSteps.class, withSettings().defaultAnswer(REVIEW_DUE)),
                mock(DecisionSteps.class), mock(ReportingSteps.class, withSettings().defaultAnswer(REPORT_DUE)),
                mock(SettlementSteps.class));
    }

    private static final Answer<Object> REVIEW_DUE = call -> call.getMethod().getName().equals("reviewDueDate")
            ? LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), SchemeRules.ZONE).plus(SchemeRules.REVIEW_PERIOD)
            : Answers.RETURNS_DEFAULTS.answer(call);

    private static final Answer<Object> REPORT_DUE = call -> call.getMethod().getName().equals("dueDate")
            ? SchemeRules.DEFAULT.reportDeadline(((StepContext) call.getArgument(0)).requireYear())
            : Answers.RETURNS_DEFAULTS.answer(call);

    /** Every mock of the beans, for Mockito's reset, inOrder and verifyNoMoreInteractions. */
    public static Object[] all(ProcessBeans beans) {
        return new Object[] {beans.drafting(), beans.review(), beans.decision(), beans.reporting(), beans.settlement()};
    }
}
