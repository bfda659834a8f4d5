package nl.spuk.domain;

/** One activity of a plan, serving one attention point, with a budget per year. */
public record Activity(AttentionPoint theme, String title, String description, YearAmounts budgetCents) {
}
