package nl.spuk.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schema step as CloudFormation's custom resource: every request is answered at its response URL (a failure
 * too, or the stack would wait an hour), with one physical id, and a Delete leaves the tables alone.
 */
class EngineSchemaHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Answer(String method, String query, List<String> contentType, JsonNode body) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger stepRuns = new AtomicInteger();
    private HttpServer cloudFormation;

    @BeforeEach
    void startResponseEndpoint() throws Exception {
        cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            answers.add(new Answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().get("Content-Type"),
                    JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterEach
    void stop() {
        cloudFormation.stop(0);
    }

    @Test
    void createRunsTheStepAndAnswersSuccessWithWhatItFound() {
        handler(() -> "engine schema created").handleRequest(request("Create", null), null);

        assertThat(stepRuns).hasValue(1);
        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.method()).isEqualTo("PUT");
            assertThat(answer.query()).isEqualTo("X-Amz-Signature=abc");
            // the response URL is signed without a content type
            assertThat(answer.contentType()).isNull();
            assertThat(answer.body().get("Status").asText()).isEqualTo("SUCCESS");
            assertThat(answer.body().get("Reason").asText()).isEqualTo("engine schema created");
            assertThat(answer.body().get("PhysicalResourceId").asText()).isEqualTo(EngineSchemaHandler.PHYSICAL_RESOURCE_ID);
            assertThat(answer.body().get("StackId").asText()).isEqualTo("arn:aws:cloudformation:eu-central-1:1:stack/spuk/1");
            assertThat(answer.body().get("RequestId").asText()).isEqualTo("request-1");
            assertThat(answer.body().get("LogicalResourceId").asText()).isEqualTo("EngineSchema");
        });
    }

    @Test
    void aFailingStepIsAnsweredWithFailureAndItsReasonUnderTheSamePhysicalId() {
        handler(() -> {
            throw new IllegalStateException("the database refused the login");
        }).handleRequest(request("Update", EngineSchemaHandler.PHYSICAL_RESOURCE_ID), null);

        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.body().get("Status").asText()).isEqualTo("FAILED");
            assertThat(answer.body().get("Reason").asText()).contains("the database refused the login");
            assertThat(answer.body().get("PhysicalResourceId").asText()).isEqualTo(EngineSchemaHandler.PHYSICAL_RESOURCE_ID);
        });
    }

    @Test
    void deleteLeavesTheTablesAloneAndAnswersSuccess() {
        handler(() -> "engine schema present").handleRequest(request("Delete", EngineSchemaHandler.PHYSICAL_RESOURCE_ID), null);

        assertThat(stepRuns).hasValue(0);
        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.body().get("Status").asText())
                .isEqualTo("SUCCESS"));
    }

    private EngineSchemaHandler handler(EngineSchemaHandler.SchemaStep step) {
        return new EngineSchemaHandler(() -> {
            stepRuns.incrementAndGet();
            return step.run();
        });
    }

    /** A request as CloudFormation sends it (the fields the handler reads and echoes). */
    private Map<String, Object> request(String type, String physicalResourceId) {
        Map<String, Object> request = new HashMap<>(Map.of(
                "RequestType", type,
                "ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response?X-Amz-Signature=abc",
                "StackId", "arn:aws:cloudformation:eu-central-1:1:stack/spuk/1",
                "RequestId", "request-1",
                "ResourceType", "Custom::EngineSchema",
                "LogicalResourceId", "EngineSchema",
                "ResourceProperties", Map.of("ServiceToken", "arn:aws:lambda:eu-central-1:1:function:schema:live")));
        if (physicalResourceId != null) {
            request.put("PhysicalResourceId", physicalResourceId);
        }
        return request;
    }
}
