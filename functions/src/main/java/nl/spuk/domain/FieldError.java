package nl.spuk.domain;

/** One thing wrong with a request, named by the JSON path of the field it concerns. */
public record FieldError(String field, String message) {
}
