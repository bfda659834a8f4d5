package nl.spuk.adapter.in.lambda.http;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it becomes an API Gateway response; every answer carries the API version, no-store and nosniff.
 *
 * @param base64Encoded whether {@code body} is the base64 form of binary content (a workbook), as API Gateway expects
 */
public record ApiResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public ApiResponse {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Cache-Control", "no-store");
        h.putIfAbsent("X-Content-Type-Options", "nosniff");
        h.put(ApiDocument.VERSION_HEADER, ApiDocument.VERSION);
        headers = Map.copyOf(h);
    }

    /** A text answer. */
    public ApiResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    /** A binary answer: API Gateway decodes the base64 body before it reaches the client. */
    public static ApiResponse binary(int status, Map<String, String> headers, byte[] body) {
        return new ApiResponse(status, headers, Base64.getEncoder().encodeToString(body), true);
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), Json.write(body));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body, base64Encoded);
    }
}
