package nl.spuk.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Free advisory hours logged against a municipality, in quarter hours.
 *
 * @param date the day the work was done
 * @param at when it was logged
 */
public record HoursEntry(String entryId, MunicipalityCode municipality, String applicationId, int quarterHours,
                         AdvisoryTheme theme, LocalDate date, String note, String advisorId, String advisorName,
                         Instant at) {
}
