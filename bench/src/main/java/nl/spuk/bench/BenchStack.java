package nl.spuk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.dynamodb.DynamoDbTable;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Components;
import nl.spuk.config.Settings;
import nl.spuk.local.LocalDynamoDb;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the cold starts and the throughput run talk to, started once per run: DynamoDB Local and S3Proxy in this
 * JVM (in memory), and a PostgreSQL server from embedded binaries with one database per engine configuration.
 * The product runs here wired as in Lambda except for the DynamoDB client (local mode's faster HTTP client).
 * S3Proxy is started here rather than through local mode's {@code LocalS3}: a Lambda container signs DynamoDB and
 * S3 requests with the same credentials, and DynamoDB Local accepts only letters and digits in an access key id.
 */
final class BenchStack implements AutoCloseable {
    static final String TABLE = "spuk";
    static final String BUCKET = "spuk-documents";
    static final String REGION = "eu-central-1";
    static final String DB_USER = "postgres";
    static final String ACCESS_KEY = "spukbench";
    static final String SECRET_KEY = "spukbenchsecret";

    final LocalDynamoDb dynamo;
    final S3Proxy s3;
    final URI s3Endpoint;
    final EmbeddedPostgres postgres;
    final DynamoDbClient dynamoClient;
    /** Times every AWS SDK call of the product wired here. */
    final SdkTimer sdkTimer = new SdkTimer();

    private BenchStack(LocalDynamoDb dynamo, S3Proxy s3, EmbeddedPostgres postgres) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.s3Endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
        this.postgres = postgres;
        this.dynamoClient = dynamo.client(List.of(sdkTimer));
    }

    static BenchStack start() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.DISCARD)
                .start();
        // DynamoDB Local prints its configuration to standard output, which is the report's
        PrintStream out = System.out;
        LocalDynamoDb dynamo;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            dynamo = LocalDynamoDb.start(null);
        } finally {
            System.setOut(out);
        }
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        s3.start();
        BenchStack stack = new BenchStack(dynamo, s3, postgres);
        DynamoDbTable.createIfMissing(stack.dynamoClient, TABLE);
        try (S3Client client = S3Clients.client(REGION, Optional.of(stack.s3Endpoint),
                S3Clients.staticCredentials(ACCESS_KEY, SECRET_KEY))) {
            S3Clients.createBucketIfMissing(client, BUCKET);
        }
        // the product's clients use the SDK's default credentials chain, as in Lambda
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", REGION);
        return stack;
    }

    void createDatabase(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    EngineSettings engine(String database) {
        return new EngineSettings(postgres.getJdbcUrl(DB_USER, database), DB_USER, DB_USER);
    }

    Settings settings(String engineDatabase) {
        return new Settings(TABLE, BUCKET, REGION, Optional.of(dynamo.endpoint()), Optional.of(s3Endpoint),
                postgres.getJdbcUrl(DB_USER, engineDatabase), DB_USER, DB_USER);
    }

    /** The product wired on the given engine database, on local mode's DynamoDB client. */
    Components components(String engineDatabase) {
        var credentials = S3Clients.staticCredentials(ACCESS_KEY, SECRET_KEY);
        return new Components(settings(engineDatabase), Clock.systemUTC(), new Components.Clients(dynamoClient,
                S3Clients.client(REGION, Optional.of(s3Endpoint), credentials, List.of(sdkTimer)),
                S3Clients.presigner(REGION, Optional.of(s3Endpoint), credentials)));
    }

    /**
     * The environment of a Lambda container of ours pointed at this stack; with an engine database, that of a
     * function that drives the engine (only those get its settings in {@code template.yaml}).
     */
    Map<String, String> lambdaEnvironment(String engineDatabaseOrNull) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put(Settings.TABLE, TABLE);
        env.put(Settings.BUCKET, BUCKET);
        env.put(Settings.DYNAMODB_ENDPOINT, dynamo.endpoint().toString());
        env.put(Settings.S3_ENDPOINT, s3Endpoint.toString());
        if (engineDatabaseOrNull != null) {
            env.put(Settings.ENGINE_JDBC_URL, postgres.getJdbcUrl(DB_USER, engineDatabaseOrNull));
            env.put(Settings.ENGINE_JDBC_USER, DB_USER);
            env.put(Settings.ENGINE_JDBC_PASSWORD, DB_USER);
        }
        return env;
    }

    @Override
    public void close() throws Exception {
        s3.stop();
        dynamo.close();
        postgres.close();
    }
}
