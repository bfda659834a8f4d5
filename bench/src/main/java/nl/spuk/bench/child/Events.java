package nl.spuk.bench.child;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** API Gateway (HTTP API, payload 2.0) events as the JWT authorizer hands them to a function. */
public final class Events {
    private Events() {
    }

    /**
     * An event for one route.
     *
     * @param routeKey e.g. {@code POST /v1/applications/{id}/submit}
     * @param rawPath e.g. {@code /v1/applications/abc/submit}
     * @param pathParameters the route's parameters
     * @param claims the token's claims, flattened to strings as API Gateway does
     * @param body a JSON body, or null
     * @param headers request headers (lower case), without the JSON content type, which a body adds
     */
    public static APIGatewayV2HTTPEvent api(String routeKey, String rawPath, Map<String, String> pathParameters,
                                            Map<String, String> claims, String body, Map<String, String> headers) {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        if (body != null) {
            allHeaders.put("content-type", "application/json");
        }
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withRequestId(UUID.randomUUID().toString())
                .withStage("$default")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withRawQueryString("")
                .withHeaders(allHeaders)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    /** The claims of a Cognito ID token of one role; a municipality user also names the municipality. */
    public static Map<String, String> claims(String sub, String role, String municipalityOrNull) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("token_use", "id");
        claims.put("name", sub);
        claims.put("cognito:groups", "[" + role + "]");
        if (municipalityOrNull != null) {
            claims.put("custom:municipality", municipalityOrNull);
        }
        return claims;
    }
}
