package nl.spuk.adapter.in.lambda.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import nl.spuk.domain.FieldError;

/**
 * Reads typed fields from a JSON body, collecting every type error with its field path; {@link #finish()} answers
 * 400 naming them all. Unknown fields are type errors too, so a misspelt field is never silently ignored.
 */
public final class BodyReader {
    /** Digits before or after the point beyond which a decimal is out of range for every field. */
    private static final int MAX_DIGITS = 64;

    private final List<FieldError> errors = new ArrayList<>();

    /** Records fields of {@code node} that are not in {@code known}. */
    public void allowOnly(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(join(path, name), "is not a known field"));
            }
        }
    }

    /** A string, or null when absent or JSON null. */
    public String text(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(join(path, name), "must be a string"));
            return null;
        }
        return v.textValue();
    }

    /** A whole number within long range, or null when absent; fractions and out-of-range numbers are errors. */
    public Long whole(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return whole(v, join(path, name));
    }

    public Long whole(JsonNode v, String field) {
        if (!v.isNumber()) {
            errors.add(new FieldError(field, "must be a number"));
            return null;
        }
        if (!v.isIntegralNumber()) {
            java.math.BigDecimal d = v.decimalValue().stripTrailingZeros();
            if (d.scale() <= 0) {
                // 1e999999999 is integral too: expanding it would not fit in memory, so its size is judged first
                if (d.precision() - d.scale() > 19) {
                    errors.add(new FieldError(field, "is out of range"));
                    return null;
                }
                return within(d.toBigIntegerExact(), field);
            }
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        return within(v.bigIntegerValue(), field);
    }

    private Long within(BigInteger value, String field) {
        if (value.bitLength() > 63) {
            errors.add(new FieldError(field, "is out of range"));
            return null;
        }
        return value.longValue();
    }

    /** A number kept exact (for hours in quarters), or null when absent. */
    public java.math.BigDecimal decimal(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            errors.add(new FieldError(join(path, name), "must be a number"));
            return null;
        }
        java.math.BigDecimal d = v.decimalValue();
        // an exponent like 1e999999999 would make any arithmetic on it run out of memory
        if (d.signum() != 0 && (d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS)) {
            errors.add(new FieldError(join(path, name), "is out of range"));
            return null;
        }
        return d;
    }

    /** An array, or null when absent. */
    public JsonNode array(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            errors.add(new FieldError(join(path, name), "must be an array"));
            return null;
        }
        return v;
    }

    /** An object, or null when absent. */
    public JsonNode object(JsonNode node, String path, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return object(v, join(path, name));
    }

    public JsonNode object(JsonNode v, String field) {
        if (!v.isObject()) {
            errors.add(new FieldError(field, "must be an object"));
            return null;
        }
        return v;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Answers 400 naming every type error found. */
    public void finish() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the request body has fields of the wrong type or unknown fields", errors);
        }
    }

    public static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
