package nl.spuk.process;

import static org.mockito.Mockito.mock;

import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.application.decision.DecisionSteps;
import nl.spuk.application.drafting.DraftingSteps;
import nl.spuk.application.reporting.ReportingSteps;
import nl.spuk.application.review.ReviewSteps;
import nl.spuk.application.settlement.SettlementSteps;

/** The process's business steps as Mockito mocks, one per slice: tests of the process and its adapter, not the steps. */
public final class MockSteps {
    private MockSteps() {
    }

    /** A fresh mock of every slice's steps. */
    public static ProcessBeans mocks() {
        return new ProcessBeans(mock(DraftingSteps.class), mock(ReviewSteps.class), mock(DecisionSteps.class),
                mock(ReportingSteps.class), mock(SettlementSteps.class));
    }

    /** Every mock of the beans, for Mockito's reset, inOrder and verifyNoMoreInteractions. */
    public static Object[] all(ProcessBeans beans) {
        return new Object[] {beans.drafting(), beans.review(), beans.decision(), beans.reporting(), beans.settlement()};
    }
}
