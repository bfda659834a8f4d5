package nl.spuk.application.reporting;

import java.time.LocalDate;

/** What the ministry asks when it extends a report's due date: that due date, for this reason. */
public record ReportExtension(LocalDate dueDate, String reason) {
}
