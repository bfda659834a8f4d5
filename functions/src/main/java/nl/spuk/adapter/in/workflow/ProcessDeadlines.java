package nl.spuk.adapter.in.workflow;

import java.time.LocalDate;
import java.util.Date;
import java.util.function.Function;
import nl.spuk.domain.SchemeRules;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The bean {@code deadlines}: the moments the process's timers wait for. Dates that move (the review's due date, a
 * report's extended due date) come from the two sources given, which the product reads from the application each time
 * the process enters the task the timer is attached to, so a timer set again after a move follows the stored date.
 * Deadlines are calendar dates in {@link SchemeRules#ZONE}; each moment is the start of its day there.
 */
public final class ProcessDeadlines {
    private final Function<DelegateExecution, LocalDate> reviewDueDate;
    private final Function<DelegateExecution, LocalDate> reportDueDate;

    /**
     * @param reviewDueDate the last day of the review the execution is in
     * @param reportDueDate the due date of the report on the execution's {@code year}
     */
    public ProcessDeadlines(Function<DelegateExecution, LocalDate> reviewDueDate,
                            Function<DelegateExecution, LocalDate> reportDueDate) {
        this.reviewDueDate = reviewDueDate;
        this.reportDueDate = reportDueDate;
    }

    /** When a review still open is overdue: the day after its due date. */
    public Date reviewOverdue(DelegateExecution execution) {
        return startOf(reviewDueDate.apply(execution).plusDays(1));
    }

    /** Whether the year has begun on the engine's clock, so its report opens now rather than on 1 January. */
    public boolean yearBegun(int year) {
        return !ClockUtil.getCurrentTime().before(reportOpens(year));
    }

    /** The report on {@code year} can be written from 1 January of that year. */
    public Date reportOpens(int year) {
        return startOf(LocalDate.of(year, 1, 1));
    }

    /** The due date of the REPORT task: the report's due date (15 July of the next year unless extended). */
    public Date reportDue(DelegateExecution execution) {
        return startOf(reportDueDate.apply(execution));
    }

    /** When the municipality is reminded: {@value SchemeRules#REPORT_REMINDER_DAYS} days before the due date. */
    public Date reportReminder(DelegateExecution execution) {
        return startOf(reportDueDate.apply(execution).minusDays(SchemeRules.REPORT_REMINDER_DAYS));
    }

    /** When the report is overdue: the day after the due date. */
    public Date reportOverdue(DelegateExecution execution) {
        return startOf(reportDueDate.apply(execution).plusDays(1));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(SchemeRules.ZONE).toInstant());
    }
}
