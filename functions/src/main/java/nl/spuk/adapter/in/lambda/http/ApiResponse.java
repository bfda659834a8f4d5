package nl.spuk.adapter.in.lambda.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it becomes an API Gateway response; every answer carries the API version, no-store and nosniff. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public ApiResponse {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Cache-Control", "no-store");
        h.putIfAbsent("X-Content-Type-Options", "nosniff");
        h.put(ApiDocument.VERSION_HEADER, ApiDocument.VERSION);
        headers = Map.copyOf(h);
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), Json.write(body));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }
}
