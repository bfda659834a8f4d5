package nl.spuk.application.monitoring;

/**
 * One row of an allocation import as read, before validation.
 *
 * @param line the line number in the file (the header is line 1)
 */
public record AllocationRow(int line, String code, String year, String amountCents) {
}
