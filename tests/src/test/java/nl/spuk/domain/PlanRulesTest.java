package nl.spuk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanRulesTest {
    private final PlanRules rules = new PlanRules(SchemeRules.DEFAULT);

    private static Activity activity(AttentionPoint theme, Map<Integer, Long> budget) {
        return new Activity(theme, "Respijt op maat", "Logeeropvang", YearAmounts.of(budget));
    }

    private static Plan plan(List<Activity> activities) {
        return new Plan("Mantelzorg Groningen", List.of(2025, 2026), activities, new Contact("J. de Vries", "j@groningen.nl"));
    }

    @Test
    void aDraftMayHaveNoActivitiesYet() {
        assertThat(rules.checkDraft(plan(List.of()))).isEmpty();
    }

    @Test
    void namesEveryBrokenRuleOfADraftWithItsField() {
        Plan bad = new Plan(" ", List.of(2022, 2025, 2025),
                List.of(new Activity(null, "", null, YearAmounts.of(Map.of(2027, -5L, 2026, 10L)))),
                new Contact("x", "not-an-email"));
        assertThat(rules.checkDraft(bad)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "title", "years[0]", "years[2]", "activities[0].theme", "activities[0].title",
                "activities[0].budgetCents.2026", "activities[0].budgetCents.2027", "activities[0].budgetCents.2027",
                "contact.email");
    }

    @Test
    void refusesControlCharactersAndOverlongTitles() {
        Plan bad = new Plan("a\u0000b", List.of(2025), List.of(activity(AttentionPoint.VINDEN, Map.of())), null);
        Plan longTitle = new Plan("x".repeat(201), List.of(2025), List.of(), null);
        assertThat(rules.checkDraft(bad)).extracting(FieldError::field).containsExactly("title");
        assertThat(rules.checkDraft(longTitle)).extracting(FieldError::message)
                .containsExactly("must be at most 200 characters");
    }

    @Test
    void completenessNamesEveryMissingItem() {
        Plan empty = plan(List.of());
        assertThat(rules.checkComplete(empty, YearAmounts.EMPTY, false)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("activities", "requestedCents.2025", "requestedCents.2026", "documents");
    }

    @Test
    void apartFromTheAllocationsTheCheckNamesTheSameItemsInTheSameOrder() {
        Plan empty = plan(List.of());
        assertThat(rules.checkCompleteApartFromAllocations(empty, false)).containsExactlyElementsOf(
                rules.checkComplete(empty, YearAmounts.EMPTY, false).stream()
                        .filter(e -> !e.field().startsWith("requestedCents.")).toList());
        Plan complete = plan(List.of(activity(AttentionPoint.VERLICHTEN, Map.of(2025, 600L))));
        assertThat(rules.checkCompleteApartFromAllocations(complete, true)).isEmpty();
        assertThat(rules.checkComplete(complete, YearAmounts.EMPTY, true)).extracting(FieldError::field)
                .containsExactly("requestedCents.2025", "requestedCents.2026");
    }

    @Test
    void theAllocationsNeededAreTheRequestOfEveryYearOfThePlanAndSatisfyTheCheckExactly() {
        Plan p = plan(List.of(activity(AttentionPoint.VERLICHTEN, Map.of(2025, 600L)),
                activity(AttentionPoint.VINDEN, Map.of(2025, 500L))));
        YearAmounts needed = rules.allocationsNeeded(p);
        // a year that requests nothing still needs an allocation
        assertThat(needed).isEqualTo(YearAmounts.of(Map.of(2025, 1100L, 2026, 0L)));
        assertThat(rules.checkComplete(p, needed, true)).isEmpty();
        assertThat(rules.checkComplete(p, needed.with(2025, 1099L), true)).extracting(FieldError::field)
                .containsExactly("requestedCents.2025");
        assertThat(rules.checkComplete(p, YearAmounts.of(Map.of(2025, 1100L)), true)).extracting(FieldError::field)
                .containsExactly("requestedCents.2026");
    }

    @Test
    void requestedAboveAllocationIsRefusedPerYear() {
        Plan p = plan(List.of(activity(AttentionPoint.VERLICHTEN, Map.of(2025, 600L, 2026, 100L)),
                activity(AttentionPoint.VINDEN, Map.of(2025, 500L))));
        YearAmounts allocation = YearAmounts.of(Map.of(2025, 1000L, 2026, 100L));
        assertThat(rules.checkComplete(p, allocation, true)).extracting(FieldError::field)
                .containsExactly("requestedCents.2025");
        assertThat(rules.checkComplete(p, allocation.with(2025, 1100L), true)).isEmpty();
    }

    @Test
    void anActivityWithoutAnyBudgetIsIncomplete() {
        Plan p = plan(List.of(activity(AttentionPoint.VERBINDEN, Map.of(2025, 0L))));
        assertThat(rules.checkComplete(p, YearAmounts.of(Map.of(2025, 10L, 2026, 10L)), true))
                .extracting(FieldError::field).containsExactly("activities[0].budgetCents");
    }
}
