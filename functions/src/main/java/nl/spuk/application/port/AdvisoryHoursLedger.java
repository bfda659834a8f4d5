package nl.spuk.application.port;

import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.HoursBalance;
import nl.spuk.domain.HoursEntry;
import nl.spuk.domain.MunicipalityCode;

/** Each municipality's ledger of free advisory hours, capped over the whole programme period. */
public interface AdvisoryHoursLedger {

    /**
     * Books the entry in one transaction with its audit event on the application, only if the municipality's total
     * stays within the cap and the application is still IN_REVIEW. Never books part of an entry. A repeat of the same
     * entry id is success and books nothing more.
     *
     * @return the balance after booking
     * @throws nl.spuk.application.HoursCapExceededException when the entry does not fit under the cap
     * @throws nl.spuk.application.ConflictException when the application is no longer IN_REVIEW
     */
    HoursBalance book(HoursEntry entry, int capQuarterHours, AuditEvent event);

    HoursBalance balance(MunicipalityCode municipality, int capQuarterHours);

    /**
     * A page of the municipality's entries, oldest first.
     *
     * @param nextToken where the previous page ended, as it answered; null for the first page
     * @throws IllegalArgumentException when the token is not one this method gave out for this municipality
     */
    Page<HoursEntry> entries(MunicipalityCode municipality, int limit, String nextToken);
}
