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

    /**
     * What approved awards committed of the municipality's allocations, per year; years nothing was committed for are
     * absent. The room left for a year is its allocation minus this.
     */
    YearAmounts committedOf(MunicipalityCode municipality);

    /**
     * Sets (creates or replaces) the allocations given. Each row is written idempotently; what awards committed
     * stays committed.
     *
     * @throws nl.spuk.application.ConflictException when a row would set an allocation below what is committed of it
     */
    void setAll(List<Allocation> allocations);
}
