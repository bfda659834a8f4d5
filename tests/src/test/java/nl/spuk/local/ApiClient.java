package nl.spuk.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for tests against the local server (or any deployment of the API): JSON in and out,
 * optionally as a signed-in user. Immutable: {@link #withToken} and {@link #as} return a new client.
 *
 * <pre>{@code
 * ApiClient api = new ApiClient(server.baseUri());
 * ApiClient groningen = api.as("u1", "municipality", "GM0014");
 * ApiClient.Response created = groningen.post("/v1/applications", Map.of("title", "Plan"));
 * assertThat(created.status()).isEqualTo(201);
 * String id = created.json().get("id").asText();
 * }</pre>
 */
public final class ApiClient {
    /** Serialises request bodies; java.time values as ISO-8601 strings. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUri;
    private final String token;

    public ApiClient(URI baseUri) {
        this(baseUri, null);
    }

    private ApiClient(URI baseUri, String token) {
        String base = baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public ApiClient withToken(String bearerToken) {
        return new ApiClient(baseUri, bearerToken);
    }

    /** The same client signed in through {@code POST /local/token}; see {@link #token}. */
    public ApiClient as(String sub, String role, String municipalityOrNull) {
        return withToken(token(sub, sub, role, municipalityOrNull));
    }

    /** The same client signed in as a user whose display name ({@code name}) differs from the id. */
    public ApiClient as(String sub, String name, String role, String municipalityOrNull) {
        return withToken(token(sub, name, role, municipalityOrNull));
    }

    /**
     * A token from the local server's {@code POST /local/token}.
     *
     * @param role {@code municipality}, {@code advisor} or {@code ministry}
     * @param municipalityOrNull a {@code GM####} code, required for role municipality
     * @throws AssertionError when the server refuses
     */
    public String token(String sub, String role, String municipalityOrNull) {
        return token(sub, sub, role, municipalityOrNull);
    }

    /** A token for a user with a display name of their own. */
    public String token(String sub, String name, String role, String municipalityOrNull) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", sub);
        body.put("name", name);
        body.put("role", role);
        if (municipalityOrNull != null) {
            body.put("municipality", municipalityOrNull);
        }
        Response response = new ApiClient(baseUri).post("/local/token", body);
        if (response.status() != 200) {
            throw new AssertionError("POST /local/token answered " + response.status() + ": " + response.body());
        }
        return response.json().get("token").asText();
    }

    /**
     * @param headers name-value pairs, e.g. {@code "If-Match", "\"3\""}
     */
    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    /** POST with a JSON body (a String is sent as it is, anything else serialised; null sends no body). */
    public Response post(String path, Object jsonBody, String... headers) {
        return sendJson("POST", path, jsonBody, headers);
    }

    /** PUT with a JSON body (a String is sent as it is, anything else serialised; null sends no body). */
    public Response put(String path, Object jsonBody, String... headers) {
        return sendJson("PUT", path, jsonBody, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /**
     * Any request.
     *
     * @param contentType null to send none
     * @param body null to send no body
     * @param headers name-value pairs
     */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name-value pairs");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    private Response sendJson(String method, String path, Object jsonBody, String... headers) {
        if (jsonBody == null) {
            return send(method, path, null, null, headers);
        }
        return send(method, path, "application/json", toJson(jsonBody), headers);
    }

    private static byte[] toJson(Object body) {
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body, e);
        }
    }

    /** An answer: status, headers and the body as bytes, text or parsed JSON. */
    /**
     * Announces a PDF document, PUTs its bytes to the presigned URL, and waits until the upload check made it
     * AVAILABLE; answers the document as listed.
     */
    public JsonNode upload(String applicationId, String kind, String fileName, byte[] pdf) throws InterruptedException {
        Response announced = post("/v1/applications/" + applicationId + "/documents", Map.of(
                "fileName", fileName, "contentType", "application/pdf", "sizeBytes", pdf.length, "kind", kind));
        if (announced.status() != 201) {
            throw new AssertionError("announcing " + fileName + ": " + announced);
        }
        int stored = putBytes(URI.create(announced.json().get("uploadUrl").asText()), "application/pdf", pdf);
        if (stored != 200) {
            throw new AssertionError("the PUT of " + fileName + " answered " + stored);
        }
        return awaitDocument(applicationId, announced.json().get("documentId").asText(), "AVAILABLE");
    }

    /** PUTs bytes to a presigned upload URL; answers the status. */
    public static int putBytes(URI url, String contentType, byte[] bytes) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 15 seconds until the application lists the document in {@code status}; answers it as listed. */
    public JsonNode awaitDocument(String applicationId, String documentId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            JsonNode items = get("/v1/applications/" + applicationId + "/documents?limit=100").json().get("items");
            for (JsonNode d : items) {
                if (d.get("documentId").asText().equals(documentId) && d.get("status").asText().equals(status)) {
                    return d;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("document " + documentId + " did not become " + status + ": " + items);
            }
            Thread.sleep(50);
        }
    }

    public record Response(int status, HttpHeaders headers, byte[] bytes) {
        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /**
         * The body parsed as JSON.
         *
         * @throws AssertionError when it is not JSON
         */
        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
