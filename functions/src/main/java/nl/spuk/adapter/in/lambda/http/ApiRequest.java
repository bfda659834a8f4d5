package nl.spuk.adapter.in.lambda.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.spuk.application.RequestId;
import nl.spuk.domain.Actor;
import nl.spuk.domain.FieldError;

/**
 * A request as the use cases' callers need it: the route, the authenticated actor, parameters and body.
 *
 * @param requestId the request's identity: the gateway's request id, or, for a POST with an Idempotency-Key, the
 *     identity its retries share ({@link IdempotentExecution})
 * @param headers header names in lower case
 * @param bytes the body as sent (API Gateway's base64 already decoded), or null for none
 */
public record ApiRequest(
        RequestId requestId,
        String method,
        String routeKey,
        String rawPath,
        Actor actor,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        byte[] bytes) {
    /** The longest id, code or year a path may carry. */
    public static final int MAX_PATH_PARAMETER = 200;

    /** The same request with another identity. */
    public ApiRequest withRequestId(RequestId id) {
        return new ApiRequest(id, method, routeKey, rawPath, actor, pathParameters, queryParameters, headers, bytes);
    }

    /** The body as UTF-8 text (JSON, CSV), or null for none. */
    public String body() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public String path(String name) {
        String v = pathParameters.get(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("the path parameter " + name + " is missing");
        }
        if (v.length() > MAX_PATH_PARAMETER) {
            // nothing the server names is this long; the store would refuse it as a key (500) rather than not find it
            throw new ApiException(404, "no " + name + " is that long", List.of());
        }
        return v;
    }

    public String query(String name) {
        String v = queryParameters.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The body as a JSON object (400 when it is anything else). */
    public JsonNode jsonObject() {
        requireContentType("application/json");
        JsonNode node = Json.parse(bytes == null ? "" : body());
        if (!node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        return node;
    }

    /** Refuses a body of another media type with 415. */
    public void requireContentType(String expected) {
        String type = header("content-type");
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!base.equals(expected)) {
            throw new ApiException(415, "send the body as " + expected + (type == null ? "" : ", not " + type), List.of());
        }
    }
}
