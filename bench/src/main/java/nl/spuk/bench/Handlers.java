package nl.spuk.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.spuk.bench.child.Events;
import nl.spuk.local.LocalServer;
import nl.spuk.local.SamTemplate;

/**
 * The product's handlers, one instance per function of {@code template.yaml} (as one warm container each), called
 * in this JVM with the events API Gateway and S3 would send. Build it after installing the components they use.
 */
final class Handlers {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ", got " + status + ": " + body);
            }
            return this;
        }
    }

    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byRoute = new HashMap<>();
    private final RequestHandler<S3Event, Void> uploads;

    @SuppressWarnings("unchecked")
    Handlers() {
        SamTemplate template;
        try (InputStream in = LocalServer.class.getResourceAsStream("/template.yaml")) {
            template = SamTemplate.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> instances = new HashMap<>();
        for (SamTemplate.HttpRoute route : template.httpRoutes()) {
            byRoute.put(route.routeKey(), (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                    instances.computeIfAbsent(route.handlerClass(), Handlers::instantiate));
        }
        List<SamTemplate.EventFunction> s3 = template.functionsWithEvent("S3");
        uploads = (RequestHandler<S3Event, Void>) instances.computeIfAbsent(s3.get(0).handlerClass(), Handlers::instantiate);
    }

    private static Object instantiate(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + className, e);
        }
    }

    /** Calls the route's handler; {@code body} is serialised to JSON unless null. */
    Answer call(String routeKey, Map<String, String> pathParameters, Map<String, String> claims, Object body) {
        var handler = byRoute.get(routeKey);
        if (handler == null) {
            throw new IllegalArgumentException("no route " + routeKey);
        }
        String rawPath = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (var p : pathParameters.entrySet()) {
            rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        }
        String json;
        try {
            json = body == null ? null : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        SdkTimer.route(routeKey);
        APIGatewayV2HTTPResponse r = handler.handleRequest(
                Events.api(routeKey, rawPath, new LinkedHashMap<>(pathParameters), claims, json, Map.of()), null);
        return new Answer(r.getStatusCode(), r.getBody());
    }

    /** Reports a stored object as S3 does to the upload function. */
    void objectCreated(String key, long size) {
        var object = new S3EventNotification.S3ObjectEntity(key, size, "etag", null, Long.toHexString(System.nanoTime()));
        var bucket = new S3EventNotification.S3BucketEntity(BenchStack.BUCKET,
                new S3EventNotification.UserIdentityEntity("bench"), "arn:aws:s3:::" + BenchStack.BUCKET);
        var entity = new S3EventNotification.S3Entity("bench-object-created", bucket, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(BenchStack.REGION, "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("bench", UUID.randomUUID().toString()), entity,
                new S3EventNotification.UserIdentityEntity("bench"));
        SdkTimer.route("S3 ObjectCreated");
        uploads.handleRequest(new S3Event(List.of(record)), null);
    }
}
