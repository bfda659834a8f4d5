package nl.spuk.application.port;

import java.util.List;
import java.util.Map;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.YearAmounts;

/** The annual allocation per municipality, set or imported by ministry staff. */
public interface AllocationRepository {

    /**
     * The municipality's allocation per year and what approved awards committed of it, from one strongly consistent
     * read, so the two always belong together; {@link AllocationState#NONE} for a municipality without allocations.
     * The room left for a year's awards is {@link AllocationState#left}; the store still enforces it when an award
     * commits ({@link AllocationCommitment}).
     */
    AllocationState stateOf(MunicipalityCode municipality);

    /** Every municipality's allocations; municipalities without any are absent. */
    Map<MunicipalityCode, YearAmounts> all();

    /**
     * Sets (creates or replaces) the allocations given. Each row is written idempotently; what awards committed
     * stays committed.
     *
     * @throws nl.spuk.application.ConflictException when a row would set an allocation below what is committed of it
     */
    void setAll(List<Allocation> allocations);
}
