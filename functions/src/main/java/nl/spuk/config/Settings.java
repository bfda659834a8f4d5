package nl.spuk.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

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
 * @param engineJdbcUser ({@code SPUK_ENGINE_JDBC_USER})
 * @param engineJdbcPassword ({@code SPUK_ENGINE_JDBC_PASSWORD})
 */
public record Settings(
        String tableName,
        String bucketName,
        String region,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> s3Endpoint,
        String engineJdbcUrl,
        String engineJdbcUser,
        String engineJdbcPassword) {

    public static final String TABLE = "SPUK_TABLE";
    public static final String BUCKET = "SPUK_BUCKET";
    public static final String REGION = "AWS_REGION";
    public static final String DYNAMODB_ENDPOINT = "SPUK_DYNAMODB_ENDPOINT";
    public static final String S3_ENDPOINT = "SPUK_S3_ENDPOINT";
    public static final String ENGINE_JDBC_URL = "SPUK_ENGINE_JDBC_URL";
    public static final String ENGINE_JDBC_USER = "SPUK_ENGINE_JDBC_USER";
    public static final String ENGINE_JDBC_PASSWORD = "SPUK_ENGINE_JDBC_PASSWORD";

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
                get.apply(ENGINE_JDBC_PASSWORD).orElse(""));
    }
}
