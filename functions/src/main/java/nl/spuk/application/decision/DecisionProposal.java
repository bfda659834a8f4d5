package nl.spuk.application.decision;

import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.YearAmounts;

/** The decision a ministry user proposes, as the decision step records it. */
public record DecisionProposal(DecisionOutcome outcome, YearAmounts awardedCents, String conditions, String motivation) {
}
