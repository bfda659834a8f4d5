package nl.spuk.adapter.out.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The engine database's login in AWS: a Secrets Manager secret holding JSON with the keys {@code username} and
 * {@code password} (the shape of RDS-managed secrets). Every read asks Secrets Manager for the current value; the
 * engine's pool reads once and again only when the database refuses the login, so a rotated password is picked up
 * without a deploy.
 */
public final class SecretsManagerEngineCredentials implements EngineCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient secretsManager;
    private final String secretArn;

    public SecretsManagerEngineCredentials(SecretsManagerClient secretsManager, String secretArn) {
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
        this.secretArn = Objects.requireNonNull(secretArn, "secretArn");
    }

    @Override
    public Login read() {
        String value = secretsManager.getSecretValue(request -> request.secretId(secretArn)).secretString();
        JsonNode secret;
        try {
            secret = value == null ? null : JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // not chained: the parser's message quotes the secret
            throw new IllegalStateException("the secret " + secretArn + " is not JSON");
        }
        if (secret == null || !secret.path("username").isTextual() || !secret.path("password").isTextual()) {
            throw new IllegalStateException("the secret " + secretArn + " has no text values username and password");
        }
        return new Login(secret.get("username").asText(), secret.get("password").asText());
    }
}
