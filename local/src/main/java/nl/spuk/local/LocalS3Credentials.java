package nl.spuk.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The key pair S3Proxy checks every request's signature with. Random per data folder and kept in it, in a file only
 * its owner may read, so another user of the machine cannot sign requests (list and read every document); the same
 * pair after a restart, so the product's clients sign as before.
 */
public record LocalS3Credentials(String accessKey, String secretKey) {
    /** The file in the data folder that holds the pair. */
    public static final String FILE = "local-s3-credentials.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    public LocalS3Credentials {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("an access key and a secret key are required");
        }
    }

    /** A new pair: a 20-character access key id like AWS's, and a secret of 256 random bits. */
    public static LocalS3Credentials random() {
        return new LocalS3Credentials("SPUK" + HexFormat.of().withUpperCase().formatHex(randomBytes(8)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
    }

    /** The pair kept in the data folder, made on first use. */
    static LocalS3Credentials open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                JsonNode kept = GatewayResponse.JSON.readTree(Files.readString(file));
                return new LocalS3Credentials(kept.path("accessKey").asText(), kept.path("secretKey").asText());
            }
            LocalS3Credentials created = random();
            DataFiles.writeSecretAtomically(file, GatewayResponse.JSON.writeValueAsString(
                    Map.of("accessKey", created.accessKey(), "secretKey", created.secretKey())));
            return created;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the credentials in " + file + " (delete it to get new ones)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Without the secret, so a log line or an assertion message never shows it. */
    @Override
    public String toString() {
        return "LocalS3Credentials[accessKey=" + accessKey + "]";
    }
}
