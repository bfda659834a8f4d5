package nl.spuk.domain;

/** One municipality of the 2024 division. */
public record Municipality(MunicipalityCode code, String name) {
}
