package nl.spuk.faults;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import nl.spuk.adapter.out.dynamodb.DynamoDbAdvisoryHoursLedger;
import nl.spuk.adapter.out.dynamodb.DynamoDbAllocationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbDocumentRepository;
import nl.spuk.adapter.out.dynamodb.DynamoDbMonitoringFigures;
import nl.spuk.config.Settings;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local server of a test's own whose DynamoDB and S3 clients and engine database run through the fault hooks of
 * one {@link FaultPlan}, with a look behind the API: the business record through the DynamoDB adapters on a client
 * of the test's own (never counted, never failed), and the engine's open user tasks straight from its database.
 */
final class FaultServer implements AutoCloseable {
    final FaultPlan plan = new FaultPlan();
    final LocalServer server;
    final ApiClient anonymous;
    final DynamoDbApplicationRepository applications;
    final DynamoDbDocumentRepository documents;
    final DynamoDbAdvisoryHoursLedger hours;
    final DynamoDbAllocationRepository allocations;
    final DynamoDbMonitoringFigures figures;
    private final DynamoDbClient dynamo;
    private volatile String engineJdbcUrl;

    FaultServer(Path dataDir) {
        FaultyDriver.install(plan);
        LocalServer.Hooks hooks = new LocalServer.Hooks(List.of(new SdkFaults(plan)), url -> {
            engineJdbcUrl = url;
            return FaultyDriver.PREFIX + url;
        });
        server = LocalServer.start(LocalServer.Options.forTests(dataDir).withHooks(hooks));
        anonymous = new ApiClient(server.baseUri());
        // the started server's settings, published as system properties named like the environment variables
        String table = System.getProperty(Settings.TABLE);
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty(Settings.DYNAMODB_ENDPOINT)))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        applications = new DynamoDbApplicationRepository(dynamo, table);
        documents = new DynamoDbDocumentRepository(dynamo, table);
        hours = new DynamoDbAdvisoryHoursLedger(dynamo, table);
        allocations = new DynamoDbAllocationRepository(dynamo, table);
        figures = new DynamoDbMonitoringFigures(dynamo, table);
    }

    /**
     * The notification mails about the application as {@code TYPE recipient}, sorted, once every outbox item of the
     * application has been delivered (the notifier works on a thread of its own, behind the stream).
     */
    List<String> mails(String applicationId) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (!allSent(applicationId)) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("the notifications of " + applicationId + " were not all sent within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<String> out = new ArrayList<>();
        for (var mail : anonymous.get("/local/mail").json().get("items")) {
            var headers = mail.get("headers");
            if (headers.has("X-Spuk-Application") && headers.get("X-Spuk-Application").asText().equals(applicationId)) {
                out.add(headers.get("X-Spuk-Notification").asText() + " " + mail.get("to").get(0).asText());
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether every outbox item of the application is SENT (strongly consistent). */
    private boolean allSent(String applicationId) {
        return dynamo.queryPaginator(b -> b.tableName(System.getProperty(Settings.TABLE))
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :outbox)")
                        .expressionAttributeValues(java.util.Map.of(
                                ":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("APP#" + applicationId),
                                ":outbox", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("OUTBOX#")))
                        .consistentRead(true))
                .items().stream().allMatch(item -> "SENT".equals(item.get("state").s()));
    }

    /** The user task types open in the engine for the application's process, sorted. */
    List<String> engineTasks(String applicationId) {
        return strings("SELECT t.TASK_DEF_KEY_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION p ON p.ID_ = t.PROC_INST_ID_"
                + " WHERE p.BUSINESS_KEY_ = ? ORDER BY t.TASK_DEF_KEY_", applicationId);
    }

    /** How many process instances run for the application (0 once its process ended). */
    int runningProcesses(String applicationId) {
        return strings("SELECT ID_ FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ? AND ID_ = PROC_INST_ID_",
                applicationId).size();
    }

    private List<String> strings(String sql, String parameter) {
        if (engineJdbcUrl == null) {
            throw new IllegalStateException("the engine has not connected yet");
        }
        // the same URL as the engine's own (unwrapped): in this JVM it opens the very same H2 database
        try (Connection c = DriverManager.getConnection(engineJdbcUrl, "sa", "");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        dynamo.close();
    }
}
