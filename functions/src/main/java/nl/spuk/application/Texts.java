package nl.spuk.application;

import java.util.List;
import nl.spuk.domain.FieldError;

/** The small input checks the use cases share. */
public final class Texts {
    /** Ids the server gives out are far shorter; a longer one names nothing and would exceed the store's key size. */
    public static final int MAX_ID = 200;

    private Texts() {
    }

    /** Whether a client-given id can name anything at all (so it is worth looking up). */
    public static boolean plausibleId(String id) {
        return id.length() <= MAX_ID;
    }

    public static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            optional(errors, field, value, max);
        }
    }

    public static void optional(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    public static <E extends Enum<E>> E enumValue(List<FieldError> errors, String field, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError(field, "choose one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
