package nl.spuk.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer the local gateway writes itself (not a handler's): JSON, or an RFC 9457 problem. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();

    static GatewayResponse json(int status, Object value) {
        return of(status, "application/json", value);
    }

    static GatewayResponse problem(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        return of(status, "application/problem+json", problem);
    }

    /** The same response with one more header. */
    GatewayResponse withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.put(name, List.of(value));
        return new GatewayResponse(status, more, body);
    }

    private static GatewayResponse of(int status, String contentType, Object value) {
        try {
            // the same data headers every handler answer carries
            return new GatewayResponse(status, Map.of("Content-Type", List.of(contentType), "Cache-Control", List.of("no-store"),
                    "X-Content-Type-Options", List.of("nosniff")), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
