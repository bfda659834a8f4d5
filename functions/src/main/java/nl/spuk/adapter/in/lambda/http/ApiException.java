package nl.spuk.adapter.in.lambda.http;

import java.util.List;
import nl.spuk.domain.FieldError;

/** A request refused at the HTTP level (malformed, unauthenticated, too large, wrong media type, no If-Match). */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail, List.of());
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(400, detail, errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
