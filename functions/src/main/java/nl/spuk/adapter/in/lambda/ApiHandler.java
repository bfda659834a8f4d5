package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.spuk.adapter.in.lambda.http.ApiException;
import nl.spuk.adapter.in.lambda.http.ApiRequest;
import nl.spuk.adapter.in.lambda.http.ApiResponse;
import nl.spuk.adapter.in.lambda.http.Claims;
import nl.spuk.adapter.in.lambda.http.IdempotentExecution;
import nl.spuk.adapter.in.lambda.http.Problems;
import nl.spuk.adapter.in.lambda.http.Route;
import nl.spuk.application.RequestId;
import nl.spuk.application.port.IdempotencyStore;
import nl.spuk.domain.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing every API handler shares: authentication from the authorizer's claims, the body limit,
 * Idempotency-Key on POST, and problem answers. Subclasses only register their routes.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Set<String> publicRoutes = new HashSet<>();
    private final IdempotentExecution idempotency;

    protected ApiHandler(IdempotencyStore idempotency, Clock realClock) {
        this.idempotency = new IdempotentExecution(idempotency, realClock);
    }

    /** Registers a route by its API Gateway route key, e.g. {@code GET /v1/applications/{id}}. */
    protected final void route(String routeKey, Route route) {
        routes.put(routeKey, route);
    }

    /**
     * Registers a read route that the template leaves open to anyone ({@code Authorizer: NONE}): its request has
     * no actor.
     */
    protected final void publicRoute(String routeKey, Route route) {
        if (!routeKey.startsWith("GET ")) {
            throw new IllegalArgumentException("only reads may be public: " + routeKey);
        }
        route(routeKey, route);
        publicRoutes.add(routeKey);
    }

    public final Set<String> routeKeys() {
        return Set.copyOf(routes.keySet());
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = requestId(event, context);
        try (LogContext logContext = LogContext.open(requestId, context, this)
                .with(LogContext.ROUTE, event.getRouteKey())
                .with(LogContext.APPLICATION_ID, applicationId(event))) {
            return handle(event, requestId);
        }
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, String requestId) {
        ApiResponse response;
        try {
            response = dispatch(event, requestId);
        } catch (RuntimeException e) {
            response = Problems.forRefusal(e);
            if (response == null) {
                LOG.error("request {} {} failed", requestId, event.getRouteKey(), e);
                response = Problems.fault(requestId);
            }
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded())
                .build();
    }

    private ApiResponse dispatch(APIGatewayV2HTTPEvent event, String requestId) {
        Route route = routes.get(event.getRouteKey());
        if (route == null) {
            return Problems.problem(404, "no such route", List.of(), Map.of());
        }
        Actor actor = publicRoutes.contains(event.getRouteKey()) ? null : Claims.toActor(claims(event));
        byte[] body = body(event);
        ApiRequest request = new ApiRequest(RequestId.once(requestId), method(event), event.getRouteKey(), event.getRawPath(), actor,
                event.getPathParameters() == null ? Map.of() : event.getPathParameters(),
                event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters(),
                lowerCase(event.getHeaders()), body);
        if (request.method().equals("POST")) {
            return idempotency.run(request, route);
        }
        return route.handle(request);
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null) {
            return null;
        }
        byte[] bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "the request body is larger than 256 KiB", List.of());
        }
        return bytes;
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null) {
            return null;
        }
        return ctx.getAuthorizer().getJwt().getClaims();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRouteKey().split(" ", 2)[0];
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }

    /** The application a route of {@code /v1/applications/{id}...} is about, for the logs; null for other routes. */
    private static String applicationId(APIGatewayV2HTTPEvent event) {
        boolean aboutOne = event.getRouteKey() != null && event.getRouteKey().contains("/applications/{id}");
        return aboutOne && event.getPathParameters() != null ? event.getPathParameters().get("id") : null;
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }
}
