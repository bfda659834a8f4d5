package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.spuk.config.LambdaContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy's schema step as a CloudFormation custom resource ({@code EngineSchema} in {@code template.yaml}): on
 * Create and Update it makes the engine's tables where they are missing and checks their version, before the engine
 * functions publish their versions (they depend on it), so that their engines only check the tables when they boot.
 * Delete leaves the tables alone: the database outlives the stack. Every request is answered at its
 * {@code ResponseURL}, a failure too, since CloudFormation otherwise waits an hour for the answer.
 */
public final class EngineSchemaHandler implements RequestHandler<Map<String, Object>, Void> {
    /** The schema step; answers what it found, for the stack's events. */
    @FunctionalInterface
    public interface SchemaStep {
        String run();
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineSchemaHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one physical id: an Update that answered another would make CloudFormation delete the old one. */
    static final String PHYSICAL_RESOURCE_ID = "spuk-engine-schema";
    /** CloudFormation takes an answer of 4 KB at most. */
    private static final int MAX_REASON = 1000;

    private final SchemaStep step;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public EngineSchemaHandler() {
        this(LambdaContainer.engineSchemaStep());
    }

    public EngineSchemaHandler(SchemaStep step) {
        this.step = step;
    }

    @Override
    public Void handleRequest(Map<String, Object> request, Context context) {
        try (LogContext logContext = LogContext.open(context, this)) {
            String status;
            String reason;
            try {
                reason = "Delete".equals(request.get("RequestType")) ? "the engine's tables stay with its database" : step.run();
                status = "SUCCESS";
            } catch (RuntimeException | Error e) {
                // whatever went wrong, CloudFormation gets an answer: without one the stack waits an hour
                LOG.error("the engine schema step failed", e);
                status = "FAILED";
                reason = e.toString().length() <= MAX_REASON ? e.toString() : e.toString().substring(0, MAX_REASON);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Status", status);
            answer.put("Reason", reason);
            answer.put("PhysicalResourceId", PHYSICAL_RESOURCE_ID);
            for (String echoed : new String[] {"StackId", "RequestId", "LogicalResourceId"}) {
                answer.put(echoed, request.get(echoed));
            }
            respond(URI.create((String) request.get("ResponseURL")), answer);
            return null;
        }
    }

    /** PUTs the answer to the presigned URL, without a content type (the URL was signed without one). */
    private void respond(URI responseUrl, Map<String, Object> answer) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(responseUrl).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(answer))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("CloudFormation's response URL answered " + response.statusCode()
                        + ": " + response.body());
            }
            LOG.info("answered CloudFormation: {} ({})", answer.get("Status"), answer.get("Reason"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer CloudFormation", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
