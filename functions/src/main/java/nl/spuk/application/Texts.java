package nl.spuk.application;

import java.util.List;
import nl.spuk.domain.FieldError;

/** The small input checks the use cases share. */
final class Texts {
    private Texts() {
    }

    static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            optional(errors, field, value, max);
        }
    }

    static void optional(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static <E extends Enum<E>> E enumValue(List<FieldError> errors, String field, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, "choose one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
