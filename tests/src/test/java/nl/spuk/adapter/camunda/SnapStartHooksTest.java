package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.spuk.adapter.in.lambda.ApplicationCommandsHandler;
import nl.spuk.adapter.in.lambda.ApplicationQueriesHandler;
import nl.spuk.adapter.in.lambda.DraftsHandler;
import nl.spuk.adapter.in.lambda.MunicipalitiesHandler;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Components;
import nl.spuk.config.LambdaContainer;
import nl.spuk.config.Settings;
import nl.spuk.local.LocalDynamoDb;
import org.gaul.s3proxy.S3Proxy;
import org.h2.tools.Server;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart readiness of the product as a Lambda container wires it ({@link LambdaContainer#create}: AWS
 * clients on the url-connection HTTP client, the default credentials chain, the engine behind its pool): the CRaC
 * hooks, called in the order SnapStart calls them, close the engine's database connections and the AWS clients'
 * HTTP connections, and after the "restore" the same handlers serve requests again, the engine included. The
 * engine's ids are UUIDs, so clones of one snapshot cannot hand out the same ids. A snapshot never needs the
 * database: without it, the checkpoint succeeds and the first request after the restore boots the engine.
 */
class SnapStartHooksTest {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** DynamoDB Local accepts only letters and digits in an access key id; a Lambda signs both services alike. */
    private static final String ACCESS_KEY = "snapstarttest";
    private static final String SECRET_KEY = "snapstart-secret";
    private static final String CODE = "GM0363";
    private static final Map<String, String> OFFICIAL = Map.of("sub", "u-utrecht", "token_use", "id", "name", "Uma Utrecht",
            "cognito:groups", "[municipality]", "custom:municipality", CODE);
    private static final Map<String, String> MINISTRY = Map.of("sub", "u-ministry", "token_use", "id", "name", "Mo Ministerie",
            "cognito:groups", "[ministry]");
    private static final Map<String, String> PROPERTIES = Map.of("aws.accessKeyId", ACCESS_KEY,
            "aws.secretAccessKey", SECRET_KEY, "aws.region", "eu-central-1");

    private static final Map<String, String> before = new HashMap<>();
    private static LocalDynamoDb dynamoDb;
    private static S3Proxy s3;
    private static URI s3Endpoint;
    private static String engineUrl;
    private static LambdaContainer container;
    private static Components components;

    @BeforeAll
    static void startLikeALambdaContainer() throws Exception {
        dynamoDb = LocalDynamoDb.start(null);
        DynamoDbTable.createIfMissing(dynamoDb.client(), "spuk");
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY).stopTimeout(0).build();
        s3.start();
        s3Endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
        try (S3Client admin = S3Clients.client("eu-central-1", Optional.of(s3Endpoint),
                S3Clients.staticCredentials(ACCESS_KEY, SECRET_KEY))) {
            S3Clients.createBucketIfMissing(admin, "spuk-documents");
        }
        // the Lambda wiring reads credentials through the SDK's default chain
        PROPERTIES.forEach((name, value) -> {
            before.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        engineUrl = "jdbc:h2:mem:snapstart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        container = LambdaContainer.create(new Settings("spuk", "spuk-documents", "eu-central-1",
                Optional.of(dynamoDb.endpoint()), Optional.of(s3Endpoint), engineUrl, "sa", ""), Clock.systemUTC(), false);
        components = container.wired();
        LambdaContainer.install(components);
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
        s3.stop();
        dynamoDb.close();
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void theHooksCloseTheConnectionsAndRequestsWorkAgainAfterTheRestore() throws Exception {
        var municipalities = new MunicipalitiesHandler();
        var commands = new ApplicationCommandsHandler();
        var drafts = new DraftsHandler();
        var queries = new ApplicationQueriesHandler();
        CamundaWorkflow workflow = (CamundaWorkflow) components.workflow();
        assertThat(call(municipalities, "PUT /v1/municipalities/{code}/allocations/{year}", Map.of("code", CODE, "year", "2025"),
                MINISTRY, "{\"amountCents\": 5000000}").getStatusCode()).isEqualTo(200);
        // creating a draft starts its process: the engine boots
        String id = json(call(commands, "POST /v1/applications", Map.of(), OFFICIAL, """
                {"title": "Mantelzorg Utrecht", "years": [2025],
                 "activities": [{"theme": "VERLICHTEN", "title": "Respijtzorg", "budgetCents": {"2025": 1250000}}]}""")).get("id").asText();
        assertThat(workflow.connectionPoolOpen()).isTrue();

        container.beforeCheckpoint(null);

        assertThat(workflow.connectionPoolOpen()).as("the engine's pool after beforeCheckpoint").isFalse();
        // nothing in the container may still reach out: a request between the hooks fails (Lambda never sends one)
        assertThat(call(queries, "GET /v1/applications/{id}", Map.of("id", id), OFFICIAL, null).getStatusCode()).isEqualTo(500);

        container.afterRestore(null);

        assertThat(workflow.connectionPoolOpen()).as("the engine's pool after afterRestore").isTrue();
        assertThat(json(call(queries, "GET /v1/applications/{id}", Map.of("id", id), OFFICIAL, null)).get("status").asText())
                .isEqualTo("DRAFT");
        byte[] plan = "%PDF-1.7\n% plan\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode ticket = json(call(drafts, "POST /v1/applications/{id}/documents", Map.of("id", id), OFFICIAL,
                "{\"fileName\": \"plan.pdf\", \"contentType\": \"application/pdf\", \"sizeBytes\": " + plan.length
                        + ", \"kind\": \"PLAN\"}"));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(plan)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        // the S3 notification's work: copies and reads the object through the reopened S3 client
        assertThat(components.uploads().confirmUpload("applications/" + id + "/documents/" + ticket.get("documentId").asText()))
                .hasValueSatisfying(d -> assertThat(d.status().name()).isEqualTo("AVAILABLE"));
        // the engine, through its reopened pool, and DynamoDB, through the reopened HTTP client
        assertThat(json(call(commands, "POST /v1/applications/{id}/submit", Map.of("id", id), OFFICIAL, null)).get("status").asText())
                .isEqualTo("IN_REVIEW");
        assertThat(workflow.deferredMappersLoaded()).as("the process needed no deferred MyBatis mapper").isFalse();

        assertThat(UUID_TEXT.matcher(id).matches()).as("application id " + id).isTrue();
        assertThat(engineIds()).isNotEmpty().allSatisfy(engineId -> assertThat(UUID_TEXT.matcher(engineId).matches())
                .as("engine id " + engineId).isTrue());
    }

    @Test
    void aCheckpointWithoutTheDatabaseSucceedsAndTheFirstRequestAfterTheRestoreBootsTheEngine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // nothing listens there while the version publishes: the engine's boot at init fails
        String unreachable = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:snapstart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        LambdaContainer withoutDatabase = LambdaContainer.create(new Settings("spuk", "spuk-documents", "eu-central-1",
                Optional.of(dynamoDb.endpoint()), Optional.of(s3Endpoint), unreachable, "sa", ""), Clock.systemUTC(), true);
        Server database = null;
        try {
            LambdaContainer.install(withoutDatabase.wired());
            CamundaWorkflow workflow = (CamundaWorkflow) withoutDatabase.wired().workflow();

            assertThatCode(() -> withoutDatabase.beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThat(workflow.connectionPoolOpen()).as("an engine in the snapshot").isFalse();

            database = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
            withoutDatabase.afterRestore(null);

            assertThat(workflow.connectionPoolOpen()).as("an engine booted by the restore").isFalse();
            String id = json(call(new ApplicationCommandsHandler(), "POST /v1/applications", Map.of(), OFFICIAL, """
                    {"title": "Mantelzorg Utrecht", "years": [2025],
                     "activities": [{"theme": "VERLICHTEN", "title": "Respijtzorg", "budgetCents": {"2025": 1250000}}]}"""))
                    .get("id").asText();
            assertThat(workflow.connectionPoolOpen()).as("the engine booted by the first request").isTrue();
            assertThat(json(call(new ApplicationQueriesHandler(), "GET /v1/applications/{id}", Map.of("id", id), OFFICIAL, null))
                    .get("status").asText()).isEqualTo("DRAFT");
        } finally {
            LambdaContainer.install(components);
            withoutDatabase.close();
            if (database != null) {
                database.stop();
            }
        }
    }

    /** The ids the engine gave its rows: executions, tasks, history. */
    private static List<String> engineIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(engineUrl, "sa", ""); Statement s = c.createStatement()) {
            for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_HI_ACTINST", "ACT_RE_PROCDEF")) {
                try (ResultSet rows = s.executeQuery("SELECT ID_ FROM " + table)) {
                    while (rows.next()) {
                        String engineId = rows.getString(1);
                        // a process definition's id is key:version:uuid
                        ids.add(engineId.substring(engineId.lastIndexOf(':') + 1));
                    }
                }
            }
        }
        return ids;
    }

    private static APIGatewayV2HTTPResponse call(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                                 String routeKey, Map<String, String> pathParameters, Map<String, String> claims,
                                                 String body) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (var p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                .build();
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey).withRawPath(path).withHeaders(headers)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body).withIsBase64Encoded(false).withRequestContext(context).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isBetween(200, 299);
        return JSON.readTree(response.getBody());
    }
}
