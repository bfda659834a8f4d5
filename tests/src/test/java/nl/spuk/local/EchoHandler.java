package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test function behind the local gateway: answers with the event it received as JSON, so tests can check
 * what the gateway built. {@code GET /binary} answers with bytes, {@code GET /fail} throws.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final byte[] BINARY = {0, 1, 2, (byte) 255};

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        switch (event.getRouteKey()) {
            case "GET /binary":
                return APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withMultiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
                        .withCookies(List.of("session=1; Path=/"))
                        .withBody(Base64.getEncoder().encodeToString(BINARY))
                        .withIsBase64Encoded(true)
                        .build();
            case "GET /fail":
                throw new IllegalStateException("this function always fails");
            default:
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("event", event);
                echo.put("bodyBytes", event.getBody() == null ? 0 : event.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(event.getBody()).length
                        : event.getBody().getBytes(StandardCharsets.UTF_8).length);
                echo.put("functionName", context.getFunctionName());
                echo.put("awsRequestId", context.getAwsRequestId());
                echo.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
                try {
                    return APIGatewayV2HTTPResponse.builder()
                            .withStatusCode(event.getRouteKey().startsWith("POST") ? 201 : 200)
                            .withHeaders(Map.of("Content-Type", "application/json"))
                            .withBody(ApiClient.JSON.writeValueAsString(echo))
                            .build();
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
        }
    }
}
