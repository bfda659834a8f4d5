package nl.spuk.application.port;

import nl.spuk.domain.MunicipalityCode;

/** A municipality's allocation for one year, in cents. */
public record Allocation(MunicipalityCode municipality, int year, long amountCents) {
}
