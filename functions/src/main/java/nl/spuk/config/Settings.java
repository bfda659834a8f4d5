package nl.spuk.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import nl.spuk.adapter.out.camunda.EngineSettings;

/**
 * The deployment settings, read once from the environment (in local mode and tests, system properties of
 * the same names stand in for environment variables).
 *
 * @param tableName DynamoDB table ({@code SPUK_TABLE})
 * @param bucketName S3 bucket for documents ({@code SPUK_BUCKET})
 * @param region AWS region ({@code AWS_REGION})
 * @param dynamoDbEndpoint endpoint override, local mode only ({@code SPUK_DYNAMODB_ENDPOINT})
 * @param s3Endpoint endpoint override, local mode only ({@code SPUK_S3_ENDPOINT})
 * @param engineJdbcUrl the engine database ({@code SPUK_ENGINE_JDBC_URL})
 * @param engineJdbcUser ({@code SPUK_ENGINE_JDBC_USER}), unused with a secret
 * @param engineJdbcPassword ({@code SPUK_ENGINE_JDBC_PASSWORD}), unused with a secret
 * @param engineDbSecretArn the Secrets Manager secret that holds the engine database's login, in AWS
 *                          ({@code SPUK_ENGINE_DB_SECRET_ARN}); read at run time, so a rotated password is picked up
 * @param engineSchema what an engine's boot does with its tables ({@code SPUK_ENGINE_SCHEMA}: {@code create}, the
 *                     default, or {@code verify} where the deploy's schema step made them)
 */
public record Settings(
        String tableName,
        String bucketName,
        String region,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> s3Endpoint,
        String engineJdbcUrl,
        String engineJdbcUser,
        String engineJdbcPassword,
        Optional<String> engineDbSecretArn,
        EngineSettings.Schema engineSchema) {

    public static final String TABLE = "SPUK_TABLE";
    public static final String BUCKET = "SPUK_BUCKET";
    public static final String REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "SPUK_DYNAMODB_ENDPOINT";
    public static final String S3_ENDPOINT = "SPUK_S3_ENDPOINT";
    public static final String ENGINE_JDBC_URL = "SPUK_ENGINE_JDBC_URL";
    public static final String ENGINE_JDBC_USER = "SPUK_ENGINE_JDBC_USER";
    public static final String ENGINE_JDBC_PASSWORD = "SPUK_ENGINE_JDBC_PASSWORD";
    public static final String ENGINE_DB_SECRET_ARN = "SPUK_ENGINE_DB_SECRET_ARN";
    public static final String ENGINE_SCHEMA = "SPUK_ENGINE_SCHEMA";

    /** Settings of an engine database with a plain login whose boot creates the tables (local mode, tests). */
    public Settings(String tableName, String bucketName, String region, Optional<URI> dynamoDbEndpoint,
                    Optional<URI> s3Endpoint, String engineJdbcUrl, String engineJdbcUser, String engineJdbcPassword) {
        this(tableName, bucketName, region, dynamoDbEndpoint, s3Endpoint, engineJdbcUrl, engineJdbcUser, engineJdbcPassword,
                Optional.empty(), EngineSettings.Schema.CREATE);
    }

    public static Settings fromEnvironment() {
        return from(name -> {
            String v = System.getenv(name);
            return v != null && !v.isBlank() ? v : System.getProperty(name);
        });
    }

    static Settings from(Function<String, String> source) {
        Function<String, Optional<String>> get = name -> Optional.ofNullable(source.apply(name)).filter(s -> !s.isBlank());
        return new Settings(
                get.apply(TABLE).orElse("spuk"),
                get.apply(BUCKET).orElse("spuk-documents"),
                get.apply(REGION).orElse("eu-central-1"),
                get.apply(DYNAMODB_ENDPOINT).map(URI::create),
                get.apply(S3_ENDPOINT).map(URI::create),
                get.apply(ENGINE_JDBC_URL).orElse("jdbc:h2:mem:spuk-engine;DB_CLOSE_DELAY=-1"),
                get.apply(ENGINE_JDBC_USER).orElse("sa"),
                get.apply(ENGINE_JDBC_PASSWORD).orElse(""),
                get.apply(ENGINE_DB_SECRET_ARN),
                get.apply(ENGINE_SCHEMA).map(Settings::schema).orElse(EngineSettings.Schema.CREATE));
    }

    private static EngineSettings.Schema schema(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "create" -> EngineSettings.Schema.CREATE;
            case "verify" -> EngineSettings.Schema.VERIFY;
            default -> throw new IllegalArgumentException(ENGINE_SCHEMA + " is 'create' or 'verify', not '" + value + "'");
        };
    }
}
