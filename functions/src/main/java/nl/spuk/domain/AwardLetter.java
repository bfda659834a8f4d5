package nl.spuk.domain;

import java.time.LocalDate;
import java.util.SortedMap;

/** What the award letter (beschikking) states. */
public record AwardLetter(String applicationId, String applicationTitle, Municipality municipality, String schemeName,
                          YearAmounts awardedCents, String conditions, String motivation, LocalDate decisionDate,
                          String proposedByName, String approvedByName, SortedMap<Integer, LocalDate> reportDeadlines) {
}
