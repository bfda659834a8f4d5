package nl.spuk.adapter.in.workflow;

import java.time.LocalDate;
import java.util.Date;
import nl.spuk.domain.SchemeRules;

/**
 * The bean {@code deadlines}: the periods and moments the process's timers wait for, from the scheme's rules.
 * Deadlines are calendar dates in {@link SchemeRules#ZONE}; each moment is the start of its day there.
 */
public final class ProcessDeadlines {
    private final SchemeRules rules;

    public ProcessDeadlines(SchemeRules rules) {
        this.rules = rules;
    }

    /** How long a review may take before it is escalated, as an ISO-8601 duration ({@code P42D}). */
    public String reviewPeriod() {
        return SchemeRules.REVIEW_PERIOD.toString();
    }

    /** The report on {@code year} can be written from 1 January of that year. */
    public Date reportOpens(int year) {
        return startOf(LocalDate.of(year, 1, 1));
    }

    /** The due date of the REPORT task: the deadline day, 15 July of the next year. */
    public Date reportDue(int year) {
        return startOf(rules.reportDeadline(year));
    }

    /** When the municipality is reminded: {@value SchemeRules#REPORT_REMINDER_DAYS} days before the deadline. */
    public Date reportReminder(int year) {
        return startOf(rules.reportDeadline(year).minusDays(SchemeRules.REPORT_REMINDER_DAYS));
    }

    /** When the report is overdue: the day after the deadline. */
    public Date reportOverdue(int year) {
        return startOf(rules.reportDeadline(year).plusDays(1));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(SchemeRules.ZONE).toInstant());
    }
}
