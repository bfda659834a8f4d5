package nl.spuk.adapter.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.secrets.SecretsManagerEngineCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The engine database's login read from its secret through the real SDK client, Secrets Manager played by a stub. */
class SecretsManagerEngineCredentialsTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:spuk-engine-AbCdEf";

    @Test
    void readsTheUsernameAndPasswordOfTheSecretItNames() {
        SecretsManagerStub stub = new SecretsManagerStub(
                "{\"username\":\"spuk_engine\",\"password\":\"s3cr3t\",\"engine\":\"postgres\"}");

        EngineCredentials.Login login = read(stub);

        assertThat(login).isEqualTo(new EngineCredentials.Login("spuk_engine", "s3cr3t"));
        assertThat(login.toString()).doesNotContain("s3cr3t");
        assertThat(stub.requests).singleElement().satisfies(request -> assertThat(request)
                .contains("\"SecretId\":\"" + ARN + "\""));
    }

    @Test
    void aSecretOfAnotherShapeIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> read(new SecretsManagerStub("s3cr3t"))).hasMessageContaining(ARN)
                .hasMessageNotContaining("s3cr3t").hasNoCause();
        assertThatThrownBy(() -> read(new SecretsManagerStub("{\"password\":\"s3cr3t\"}")))
                .hasMessageContaining("username and password").hasMessageNotContaining("s3cr3t");
    }

    private static EngineCredentials.Login read(SecretsManagerStub stub) {
        try (SecretsManagerClient client = SecretsManagerClient.builder().httpClient(stub).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "key"))).build()) {
            return new SecretsManagerEngineCredentials(client, ARN).read();
        }
    }

    /** Answers every GetSecretValue with the given secret string and keeps the request bodies. */
    private static final class SecretsManagerStub implements SdkHttpClient {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final String secretString;

        SecretsManagerStub(String secretString) {
            this.secretString = secretString;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    try {
                        requests.add(new String(request.contentStreamProvider().orElseThrow().newStream().readAllBytes(),
                                StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String body = "{\"ARN\":\"" + ARN + "\",\"Name\":\"spuk-engine\",\"SecretString\":"
                            + quoted(secretString) + ",\"VersionStages\":[\"AWSCURRENT\"]}";
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpFullResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1").build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        @Override
        public void close() {
        }
    }
}
