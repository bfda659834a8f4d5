package nl.spuk.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation of a plan as a draft (well-formed) and at submission (complete). */
public final class PlanRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_ACTIVITIES = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final SchemeRules scheme;

    public PlanRules(SchemeRules scheme) {
        this.scheme = scheme;
    }

    /** What a draft must satisfy at create and edit; activities may still be missing. */
    public List<FieldError> checkDraft(Plan plan) {
        List<FieldError> errors = new ArrayList<>();
        checkText(errors, "title", plan.title(), MAX_TITLE, true);
        if (plan.years().isEmpty()) {
            errors.add(new FieldError("years", "name at least one year"));
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < plan.years().size(); i++) {
            int year = plan.years().get(i);
            if (!scheme.coversYear(year)) {
                errors.add(new FieldError("years[" + i + "]", yearRange()));
            } else if (!seen.add(year)) {
                errors.add(new FieldError("years[" + i + "]", "year " + year + " is named twice"));
            }
        }
        if (plan.activities().size() > MAX_ACTIVITIES) {
            errors.add(new FieldError("activities", "at most " + MAX_ACTIVITIES + " activities"));
        }
        for (int i = 0; i < plan.activities().size(); i++) {
            checkActivity(errors, "activities[" + i + "]", plan.activities().get(i), seen);
        }
        if (plan.contact() != null) {
            checkText(errors, "contact.name", plan.contact().name(), MAX_TITLE, false);
            String email = plan.contact().email();
            if (email != null && !email.isEmpty() && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
                errors.add(new FieldError("contact.email", "must be an e-mail address"));
            }
        }
        return errors;
    }

    private void checkActivity(List<FieldError> errors, String path, Activity a, Set<Integer> planYears) {
        if (a.theme() == null) {
            errors.add(new FieldError(path + ".theme", "choose one of VINDEN, VERSTERKEN, VERLICHTEN, VERBINDEN"));
        }
        checkText(errors, path + ".title", a.title(), MAX_TITLE, true);
        checkText(errors, path + ".description", a.description(), MAX_DESCRIPTION, false);
        for (Map.Entry<Integer, Long> e : a.budgetCents().asMap().entrySet()) {
            String field = path + ".budgetCents." + e.getKey();
            if (!scheme.coversYear(e.getKey())) {
                errors.add(new FieldError(field, yearRange()));
            } else if (!planYears.contains(e.getKey())) {
                errors.add(new FieldError(field, "year " + e.getKey() + " is not one of the application's years"));
            }
            if (e.getValue() < 0) {
                errors.add(new FieldError(field, "must not be negative"));
            } else if (e.getValue() > SchemeRules.MAX_CENTS) {
                errors.add(new FieldError(field, "must be at most " + SchemeRules.MAX_CENTS + " cents"));
            }
        }
    }

    /**
     * The completeness check at submission: names every missing item.
     *
     * @param allocations the municipality's allocation per year
     * @param hasAvailablePlanDocument whether a PLAN document has been uploaded and checked
     */
    public List<FieldError> checkComplete(Plan plan, YearAmounts allocations, boolean hasAvailablePlanDocument) {
        return complete(plan, allocations, hasAvailablePlanDocument);
    }

    /**
     * The completeness check without its part about the allocations: every missing item {@link #checkComplete} names
     * but those. When it names none, the plan is complete exactly when the allocations hold
     * {@link #allocationsNeeded}.
     */
    public List<FieldError> checkCompleteApartFromAllocations(Plan plan, boolean hasAvailablePlanDocument) {
        return complete(plan, null, hasAvailablePlanDocument);
    }

    /**
     * What the allocations must hold for the plan to be complete: for each of its years an allocation of at least
     * what the plan requests for that year (a year that requests nothing still needs an allocation).
     */
    public YearAmounts allocationsNeeded(Plan plan) {
        YearAmounts requested = plan.requestedCents();
        Map<Integer, Long> needed = new TreeMap<>();
        for (int year : plan.years()) {
            needed.put(year, requested.get(year));
        }
        return YearAmounts.of(needed);
    }

    /** The completeness check; without allocations (null) their part is left out. */
    private List<FieldError> complete(Plan plan, YearAmounts allocations, boolean hasAvailablePlanDocument) {
        List<FieldError> errors = new ArrayList<>(checkDraft(plan));
        if (plan.activities().isEmpty()) {
            errors.add(new FieldError("activities", "add at least one activity"));
        }
        for (int i = 0; i < plan.activities().size(); i++) {
            Activity a = plan.activities().get(i);
            boolean funded = a.budgetCents().asMap().values().stream().anyMatch(c -> c > 0);
            if (!funded) {
                errors.add(new FieldError("activities[" + i + "].budgetCents", "give a budget above zero for at least one year"));
            }
        }
        YearAmounts requested = plan.requestedCents();
        for (int year : allocations == null ? List.<Integer>of() : plan.years()) {
            long asked = requested.get(year);
            if (!allocations.asMap().containsKey(year)) {
                errors.add(new FieldError("requestedCents." + year, "no allocation has been set for " + year + " yet"));
            } else if (asked > allocations.get(year)) {
                errors.add(new FieldError("requestedCents." + year,
                        "requested " + asked + " cents exceeds the allocation of " + allocations.get(year) + " cents"));
            }
        }
        if (!hasAvailablePlanDocument) {
            errors.add(new FieldError("documents", "upload the plan (a document of kind PLAN)"));
        }
        return errors;
    }

    private String yearRange() {
        return "must be a year from " + scheme.firstYear() + " to " + scheme.lastYear();
    }

    private static void checkText(List<FieldError> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }
}
