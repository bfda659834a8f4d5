package nl.spuk.application.monitoring;

import nl.spuk.domain.Municipality;
import nl.spuk.domain.YearAmounts;

/** A municipality as a caller sees it; allocations only for ministry staff (null otherwise). */
public record MunicipalityView(Municipality municipality, YearAmounts allocationsCents) {
}
