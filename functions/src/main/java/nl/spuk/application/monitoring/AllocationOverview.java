package nl.spuk.application.monitoring;

import nl.spuk.domain.Municipality;
import nl.spuk.domain.YearAmounts;

/**
 * A municipality's allocations per year, what approved awards committed of them, and the headroom left for awards.
 *
 * @param headroom allocated minus committed, for every year with either
 */
public record AllocationOverview(Municipality municipality, YearAmounts allocations, YearAmounts committed,
                                 YearAmounts headroom) {
}
