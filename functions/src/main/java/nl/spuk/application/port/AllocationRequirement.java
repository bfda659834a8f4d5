package nl.spuk.application.port;

import nl.spuk.domain.MunicipalityCode;

/**
 * A change that holds only while the municipality has an allocation for the year of at least this many cents: the
 * store checks it in the change's own transaction, which writes nothing when the allocation is missing or smaller.
 */
public record AllocationRequirement(MunicipalityCode municipality, int year, long atLeastCents) {

    public AllocationRequirement {
        if (atLeastCents < 0) {
            throw new IllegalArgumentException("a required allocation cannot be negative");
        }
    }
}
