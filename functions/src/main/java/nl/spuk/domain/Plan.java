package nl.spuk.domain;

import java.util.List;

/** The fields a municipality edits while the application is a draft or back for changes. */
public record Plan(String title, List<Integer> years, List<Activity> activities, Contact contact) {
    public Plan {
        years = List.copyOf(years);
        activities = List.copyOf(activities);
    }

    /** The budget asked for, per year: the sum over the activities. */
    public YearAmounts requestedCents() {
        YearAmounts sum = YearAmounts.EMPTY;
        for (Activity a : activities) {
            sum = sum.plus(a.budgetCents());
        }
        return sum;
    }
}
