package nl.spuk.application.port;

import java.util.List;
import java.util.Map;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;

/** The annual allocation per municipality, set or imported by ministry staff. */
public interface AllocationRepository {

    /** The municipality's allocation per year; years without one are absent. */
    YearAmounts allocationsOf(MunicipalityCode municipality);

    /** Every municipality's allocations; municipalities without any are absent. */
    Map<MunicipalityCode, YearAmounts> all();

    /** Sets (creates or replaces) the allocations given. Each row is written idempotently. */
    void setAll(List<Allocation> allocations);
}
