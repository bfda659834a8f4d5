package nl.spuk.adapter.in.workflow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import nl.spuk.domain.SchemeRules;

/**
 * The bean {@code deadlines}: the moments the reporting part of the process waits for. Deadlines are calendar
 * dates in Europe/Amsterdam; each moment is the start of its day there.
 */
public final class ReportDeadlines {
    /** The zone the scheme's dates live in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** The municipality is reminded this many days before the report is due. */
    public static final int REMINDER_DAYS = 30;

    private final SchemeRules rules;

    public ReportDeadlines(SchemeRules rules) {
        this.rules = rules;
    }

    /** The report on {@code year} can be written from 1 January of that year. */
    public Date reportOpens(int year) {
        return startOf(LocalDate.of(year, 1, 1));
    }

    /** The due date of the REPORT task: the deadline day, 15 July of the next year. */
    public Date reportDue(int year) {
        return startOf(rules.reportDeadline(year));
    }

    /** When the municipality is reminded: {@value #REMINDER_DAYS} days before the deadline. */
    public Date reportReminder(int year) {
        return startOf(rules.reportDeadline(year).minusDays(REMINDER_DAYS));
    }

    /** When the report is overdue: the day after the deadline. */
    public Date reportOverdue(int year) {
        return startOf(rules.reportDeadline(year).plusDays(1));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZONE).toInstant());
    }
}
