package nl.spuk.application.port;

import nl.spuk.domain.MunicipalityCode;

/** An award taking its share of a municipality's allocation for one year; refused when the allocation has no room. */
public record AllocationCommitment(MunicipalityCode municipality, int year, long cents) {
}
