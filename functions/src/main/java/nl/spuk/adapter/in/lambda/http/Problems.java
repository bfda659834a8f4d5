package nl.spuk.adapter.in.lambda.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.VersionMismatchException;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.FourEyes;
import nl.spuk.domain.Transition;

/** Maps refusals to RFC 9457 problem answers. Unknown failures become a 500 that reveals nothing. */
public final class Problems {
    private Problems() {
    }

    /** The problem answer for a refusal, or null when the exception is not a refusal (a fault). */
    public static ApiResponse forRefusal(RuntimeException e) {
        if (e instanceof ApiException a) {
            return problem(a.status(), a.getMessage(), a.errors(), Map.of());
        }
        if (e instanceof RuleViolationException r) {
            return problem(422, r.getMessage(), r.errors(), Map.of());
        }
        if (e instanceof NotFoundException) {
            return problem(404, e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof ForbiddenException || e instanceof FourEyes.Violation) {
            return problem(403, e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof VersionMismatchException) {
            return problem(412, e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof ConflictException c) {
            return problem(409, e.getMessage(), List.of(), c.members());
        }
        if (e instanceof Transition.NotAllowed) {
            return problem(409, e.getMessage(), List.of(), Map.of());
        }
        return null;
    }

    public static ApiResponse fault(String requestId) {
        return problem(500, "the request could not be completed; it is safe to retry it (request " + requestId + ")",
                List.of(), Map.of());
    }

    public static ApiResponse problem(int status, String detail, List<FieldError> errors, Map<String, Object> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        }
        members.forEach(body::putIfAbsent);
        return new ApiResponse(status, Map.of("Content-Type", ApiResponse.PROBLEM_JSON), Json.write(body));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            default -> "Internal Server Error";
        };
    }
}
