package nl.spuk.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.spuk.adapter.in.lambda.ApiHandler;
import nl.spuk.adapter.in.lambda.ApplicationQueriesHandler;
import nl.spuk.adapter.in.lambda.WorkflowTickHandler;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Components;
import nl.spuk.config.Settings;
import nl.spuk.local.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The product's logging configuration (the functions' logback.xml, not the tests' quiet one) writes one JSON object
 * per line, and every line written during a handler's invocation carries its request id and function name: the
 * handler's own, and those of the stores and the engine below it. Real handlers run on DynamoDB Local (with a table
 * that does not exist, so a read fails in the store) and an engine on an in-memory database.
 */
class JsonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalDynamoDb dynamoDb;
    private static Components components;
    private static ProductLog productLog;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = LocalDynamoDb.start(null);
        String engineDatabase = "jdbc:h2:mem:json-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Settings settings = new Settings("no-such-table-" + UUID.randomUUID(), "spuk-documents", "eu-central-1",
                Optional.empty(), Optional.empty(), engineDatabase, "sa", "");
        components = new Components(settings, Clock.systemUTC(), new Components.Clients(dynamoDb.client(),
                S3Clients.client(settings.region(), Optional.empty()), S3Clients.presigner(settings.region(), Optional.empty())));
        productLog = ProductLog.install();
    }

    @AfterAll
    static void stop() throws Exception {
        if (productLog != null) {
            productLog.uninstall();
        }
        if (components != null) {
            components.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @BeforeEach
    void clearLog() {
        productLog.clear();
    }

    @Test
    void an_api_request_that_fails_in_the_store_logs_json_with_its_request_id_function_route_and_application() {
        ApiHandler handler = queriesHandler();

        APIGatewayV2HTTPResponse response = handler.handleRequest(get("app-42", "api-request-1"),
                new LambdaContext("lambda-1", "QueriesFunction"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(500);
        List<JsonNode> lines = productLog.linesOfThisThread();
        assertThat(lines).as("the handler reports the store's failure").isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(text(line, "requestId")).as(describe(line)).isEqualTo("api-request-1");
            assertThat(text(line, "function")).as(describe(line)).isEqualTo("QueriesFunction");
            assertThat(text(line, "route")).as(describe(line)).isEqualTo("GET /v1/applications/{id}");
            assertThat(text(line, "applicationId")).as(describe(line)).isEqualTo("app-42");
        }
        JsonNode failure = lines.get(lines.size() - 1);
        assertThat(text(failure, "level")).isEqualTo("ERROR");
        assertThat(text(failure, "stack_trace")).as("the failure is followed into the store")
                .contains("ResourceNotFoundException").contains("nl.spuk.adapter.out.dynamodb.");
        assertThat(MDC.getCopyOfContextMap()).as("nothing is left on the thread").isNullOrEmpty();
    }

    @Test
    void without_a_lambda_context_the_function_is_named_by_its_handler_class() {
        ApiHandler handler = queriesHandler();

        handler.handleRequest(get("app-43", "api-request-2"), null);

        List<JsonNode> lines = productLog.linesOfThisThread();
        assertThat(lines).isNotEmpty();
        String expected = Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).orElse("ApplicationQueriesHandler");
        for (JsonNode line : lines) {
            assertThat(text(line, "requestId")).as(describe(line)).isEqualTo("api-request-2");
            assertThat(text(line, "function")).as(describe(line)).isEqualTo(expected);
        }
    }

    @Test
    void a_workflow_tick_logs_the_engine_boot_with_the_lambda_request_id() {
        WorkflowTickHandler handler = new WorkflowTickHandler(components.workflow(), components.uploads());

        handler.handleRequest(new ScheduledEvent(), new LambdaContext("tick-1", "WorkflowTickFunction"));

        List<JsonNode> lines = productLog.linesOfThisThread();
        assertThat(lines).extracting(line -> text(line, "logger_name")).as("the engine booted in the tick")
                .contains("nl.spuk.adapter.out.camunda.SpukEngine");
        for (JsonNode line : lines) {
            assertThat(text(line, "requestId")).as(describe(line)).isEqualTo("tick-1");
            assertThat(text(line, "function")).as(describe(line)).isEqualTo("WorkflowTickFunction");
            assertThat(line.has("route")).as(describe(line)).isFalse();
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    /** The logs are searched as text for leaked tokens, keys and signatures: JSON escaping must not hide them. */
    @Test
    void tokens_keys_and_signatures_stay_searchable_as_text() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtb2YtYS10b2tlbg";
        String secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+abc=";
        String url = "http://127.0.0.1:9/spuk-documents/a%20b?X-Amz-Credential=AKID%2F20260101&X-Amz-Signature=0123abcdef";

        LoggerFactory.getLogger("nl.spuk.logging").warn("Authorization: Bearer {} key {} url {}", token, secretKey, url);

        String raw = productLog.raw();
        assertThat(raw).contains("Bearer " + token).contains(secretKey).contains(url);
    }

    private static ApiHandler queriesHandler() {
        return new ApplicationQueriesHandler(components.applicationQueries(), components.documents(), components.reports(),
                components.idempotency(), components.realClock());
    }

    private static APIGatewayV2HTTPEvent get(String applicationId, String requestId) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1/applications/{id}")
                .withRawPath("/v1/applications/" + applicationId)
                .withPathParameters(Map.of("id", applicationId))
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(requestId)
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "ministry-1", "token_use", "id", "name", "M. Inister", "cognito:groups", "[ministry]"))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** A line as a failure names it: its logger and message, without the stack trace. */
    private static String describe(JsonNode line) {
        return text(line, "logger_name") + ": " + text(line, "message");
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null ? null : value.asText();
    }

    /**
     * The product's logback.xml loaded into this JVM's logger context as it is, its console swapped for a buffer with
     * the same encoder; {@link #uninstall} brings the tests' configuration back.
     */
    private static final class ProductLog {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        static ProductLog install() throws Exception {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(productConfiguration());
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            var console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
            root.detachAppender(console);

            ProductLog log = new ProductLog();
            OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
            capture.setContext(context);
            capture.setName("product-log-capture");
            capture.setEncoder(console.getEncoder());
            capture.setOutputStream(log.buffer);
            capture.start();
            root.addAppender(capture);
            // the engine reports its boot at INFO, which the product shows only from WARN on: shown here, it is the
            // engine's line that a tick writes
            context.getLogger("nl.spuk.adapter.out.camunda").setLevel(Level.INFO);
            return log;
        }

        /**
         * The functions module's own logback.xml: the test class path has others before it (the tests' logback-test.xml
         * is found first anyway, and libraries may bring one).
         */
        private static URL productConfiguration() throws Exception {
            URL functions = ApiHandler.class.getProtectionDomain().getCodeSource().getLocation();
            try (URLClassLoader onlyFunctions = new URLClassLoader(new URL[] {functions}, null)) {
                URL configuration = onlyFunctions.findResource("logback.xml");
                assertThat(configuration).as("logback.xml in " + functions).isNotNull();
                return configuration;
            }
        }

        void clear() {
            synchronized (buffer) {
                buffer.reset();
            }
        }

        String raw() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        /**
         * Every line parsed as JSON (any other thread's too: they share the format), those of this test's thread
         * returned: a handler runs its use case, the engine and the stores on the thread that invokes it.
         */
        List<JsonNode> linesOfThisThread() {
            List<JsonNode> mine = new ArrayList<>();
            for (String line : raw().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
                assertThat(node.isObject()).as(line).isTrue();
                if (Thread.currentThread().getName().equals(text(node, "thread_name"))) {
                    mine.add(node);
                }
            }
            return mine;
        }

        void uninstall() throws Exception {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
    }

    /** What the Lambda runtime passes: the request id and the function's name are what the logs use. */
    private record LambdaContext(String requestId, String functionName) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-central-1:000000000000:function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 29_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 2048;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
