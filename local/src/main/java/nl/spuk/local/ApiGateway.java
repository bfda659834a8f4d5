package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.spuk.adapter.in.lambda.http.ApiDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays API Gateway HTTP API in front of the template's functions: matches the route, validates the bearer
 * token like the JWT authorizer, builds the payload-2.0 {@link APIGatewayV2HTTPEvent}, calls the handler and
 * writes its {@link APIGatewayV2HTTPResponse}. Also serves the local-only routes, {@code GET /health}, and the web
 * UI's files for the GET requests no route takes ({@link StaticFiles}). Requests from other web pages get no further
 * than the {@link RequestGuard}.
 */
final class ApiGateway implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);

    /** Handlers answer 413 above 256 KiB; one byte more than that is enough for them to tell. */
    static final int PASSED_BODY_BYTES = 256 * 1024 + 1;
    /** API Gateway's own payload limit. */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** Past this a request body is no longer read; the connection is closed after the answer. */
    private static final long DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript", "application/x-www-form-urlencoded", "application/csv");

    /** Where every API route lives: the major version of the OpenAPI document. */
    private static final String API_PREFIX = "/v1/";

    private final LocalTokens tokens;
    private final StaticFiles staticFiles;
    private final RequestGuard guard;
    private volatile Backend backend;

    private record Backend(RouteTable<Target> routes, LocalEndpoints localEndpoints) {
    }

    /** What a route calls, and whether it is open to anyone rather than behind the JWT authorizer. */
    record Target(LocalFunction function, boolean open) {
    }

    ApiGateway(LocalTokens tokens, StaticFiles staticFiles, RequestGuard guard) {
        this.tokens = tokens;
        this.staticFiles = staticFiles;
        this.guard = guard;
    }

    /** Opens the gateway once everything behind it runs; until then every request gets 503. */
    void ready(RouteTable<Target> routes, LocalEndpoints localEndpoints) {
        this.backend = new Backend(routes, localEndpoints);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        GatewayResponse response;
        try {
            response = answer(exchange, method, rawPath);
        } catch (RuntimeException | Error e) {
            LOG.error("{} {} failed", method, rawPath, e);
            response = GatewayResponse.problem(500, "the request failed; the local server's log tells why");
        }
        if (rawPath.startsWith(API_PREFIX) && response.headers().keySet().stream().noneMatch(ApiDocument.VERSION_HEADER::equalsIgnoreCase)) {
            // the gateway's own answers to API paths (401, 404, 413, 503) carry the version as the handlers' do
            response = response.withHeader(ApiDocument.VERSION_HEADER, ApiDocument.VERSION);
        }
        try {
            write(exchange, response);
        } finally {
            exchange.close();
            LOG.info("{} {} {} {}ms", method, rawPath, response.status(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private GatewayResponse answer(HttpExchange exchange, String method, String rawPath) throws IOException {
        Optional<byte[]> body = readBody(exchange);
        Optional<GatewayResponse> refusal = guard.refusal(method, exchange.getRequestHeaders());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (body.isEmpty()) {
            return GatewayResponse.problem(413, "the request body is larger than API Gateway's 10 MiB");
        }
        Backend ready = backend;
        if (rawPath.equals("/health") && method.equals("GET")) {
            return ready == null ? GatewayResponse.json(503, Map.of("status", "STARTING"))
                    : GatewayResponse.json(200, Map.of("status", "UP"));
        }
        if (ready == null) {
            return GatewayResponse.problem(503, "the local server is still starting");
        }
        LocalEndpoints local = ready.localEndpoints();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (rawPath.equals("/local/token") && method.equals("POST")) {
            return local.token(contentType, body.get());
        }
        if (rawPath.equals("/local/clock") && method.equals("POST")) {
            return local.moveClock(contentType, body.get());
        }
        if (rawPath.equals("/local/clock") && method.equals("GET")) {
            return local.clock();
        }
        if (rawPath.equals("/local/mail") && method.equals("GET")) {
            return local.mail();
        }
        // the HTTP server has refused malformed percent-escapes already (400), so decoding cannot fail here
        Optional<RouteTable.Match<Target>> match = ready.routes().match(method, rawPath);
        if (match.isEmpty()) {
            Optional<GatewayResponse> file = rawPath.startsWith("/local/") || rawPath.startsWith(API_PREFIX) ? Optional.empty()
                    : staticFiles.answer(method, rawPath, exchange.getRequestHeaders().getFirst("Accept"));
            return file.orElseGet(() -> GatewayResponse.problem(404, "no route " + method + " " + rawPath));
        }
        Map<String, String> claims = null;
        if (!match.get().target().open()) {
            try {
                claims = tokens.verify(bearerToken(exchange.getRequestHeaders()));
            } catch (LocalTokens.InvalidTokenException e) {
                return GatewayResponse.problem(401, e.getMessage()).withHeader("WWW-Authenticate", "Bearer");
            }
        }
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent event = event(exchange, method, rawPath, match.get(), claims, body.get(), requestId);
        LocalFunction function = match.get().target().function();
        Object result = function.invoke(event, requestId);
        if (!(result instanceof APIGatewayV2HTTPResponse handlerResponse) || handlerResponse.getStatusCode() < 100) {
            LOG.error("{} answered {} to {}", function.name(), result, match.get().routeKey());
            return GatewayResponse.problem(500, "the function gave no valid response");
        }
        return toGatewayResponse(handlerResponse).withHeader("apigw-requestid", requestId);
    }

    /**
     * The body, cut after {@link #PASSED_BODY_BYTES}; empty when it exceeds API Gateway's limit. The rest is
     * read and dropped (up to a bound), so the client gets the answer rather than a reset connection.
     */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            for (int n = in.read(buffer); n >= 0 && total <= DRAIN_LIMIT_BYTES; n = in.read(buffer)) {
                int keep = (int) Math.max(0, Math.min(n, PASSED_BODY_BYTES - total));
                kept.write(buffer, 0, keep);
                total += n;
            }
        }
        return total > MAX_BODY_BYTES ? Optional.empty() : Optional.of(kept.toByteArray());
    }

    private static String bearerToken(Headers headers) {
        String value = headers.getFirst("Authorization");
        if (value == null || value.isBlank()) {
            throw new LocalTokens.InvalidTokenException("an Authorization header with a bearer token is required");
        }
        String v = value.strip();
        // the HTTP API authorizer takes the token with or without the "Bearer " prefix
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).strip() : v;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String rawPath,
            RouteTable.Match<Target> match, Map<String, String> claims, byte[] body, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Instant now = Instant.now();
        boolean text = body.length == 0 || isText(headers.get("content-type"));

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method)
                .withPath(rawPath)
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent"))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(match.routeKey())
                .withAccountId(LocalServer.ACCOUNT_ID)
                .withApiId("local")
                .withStage("$default")
                .withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("local")
                .withRequestId(requestId)
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(http)
                .withAuthorizer(claims == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(rawQuery.isEmpty() ? null : queryParameters(rawQuery))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text)
                .withRequestContext(context)
                .build();
    }

    /** As API Gateway does: decoded, and the values of a repeated name joined with commas. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** Bodies of these types reach the function as text; all others base64-encoded, as API Gateway does. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || TEXT_TYPES.contains(type) || type.endsWith("+json") || type.endsWith("+xml");
    }

    private static GatewayResponse toGatewayResponse(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.put("Set-Cookie", List.copyOf(response.getCookies()));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new GatewayResponse(response.getStatusCode(), headers, bytes);
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                out.put(name, values);
            }
        });
        boolean noBody = response.body().length == 0 || response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(response.body());
            }
        }
    }
}
