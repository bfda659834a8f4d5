package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.config.Settings;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalS3Credentials;
import nl.spuk.local.LocalServer;
import nl.spuk.local.LocalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Who may use local mode's S3 (S3Proxy on a loopback port, which every user of the machine can reach): only whoever
 * holds the data folder's own random credentials, kept in a file its owner alone may read and the same after a
 * restart; and of browser pages, only the local server's own.
 */
class LocalS3AccessTest {
    /** What every local server accepted before each data folder had credentials of its own. */
    private static final LocalS3Credentials FORMER_FIXED = new LocalS3Credentials("spuk-local", "spuk-local-secret");
    private static final String BUCKET = "spuk-documents";
    /** Outside the test template's S3 notification prefix, so no recorded event comes of it. */
    private static final String KEY = "elsewhere/kept.txt";
    private static final String REGION = "eu-central-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static LocalServer server;
    static URI s3Endpoint;

    @BeforeAll
    static void start() throws URISyntaxException {
        server = LocalServer.start(options(dataDir));
        s3Endpoint = lastStartedS3Endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_request_signed_with_the_former_fixed_credentials_is_refused() {
        try (S3Client former = client(s3Endpoint, FORMER_FIXED)) {
            S3Exception refused = catchThrowableOfType(S3Exception.class, () -> former.listObjectsV2(b -> b.bucket(BUCKET)));

            assertThat(refused).as("the answer to the former credentials").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(403);
        }
        try (S3Client own = client(s3Endpoint, credentialsIn(dataDir))) {
            assertThat(own.listObjectsV2(b -> b.bucket(BUCKET)).sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    @Test
    void the_credentials_are_the_data_folders_own_readable_by_its_owner_only_and_kept_across_a_restart(@TempDir Path folder)
            throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        LocalS3Credentials first;
        try (LocalServer started = LocalServer.start(options(folder))) {
            Path file = folder.resolve(LocalS3Credentials.FILE);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            // the documents on disk and the key that signs tokens of any role are the owner's alone too
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(folder.resolve(LocalTokens.KEY_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            first = credentialsIn(folder);
            assertThat(first).isNotEqualTo(FORMER_FIXED).isNotEqualTo(credentialsIn(dataDir));
            assertThat(first.secretKey()).hasSizeGreaterThanOrEqualTo(40);
            try (S3Client s3 = client(lastStartedS3Endpoint(), first)) {
                s3.putObject(b -> b.bucket(BUCKET).key(KEY).contentType("text/plain"), RequestBody.fromString("kept"));
            }
        }

        try (LocalServer restarted = LocalServer.start(options(folder))) {
            URI endpoint = lastStartedS3Endpoint();
            assertThat(credentialsIn(folder)).isEqualTo(first);
            assertThat(System.getProperty("aws.accessKeyId")).isEqualTo(first.accessKey());
            try (S3Client s3 = client(endpoint, first);
                    S3Presigner presigner = S3Clients.presigner(REGION, Optional.of(endpoint), S3Clients.staticCredentials(
                            first.accessKey(), first.secretKey()))) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asUtf8String()).isEqualTo("kept");
                URI download = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toString());
                HttpResponse<String> downloaded = HTTP.send(HttpRequest.newBuilder(download).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(downloaded.statusCode()).isEqualTo(200);
                assertThat(downloaded.body()).isEqualTo("kept");
            }
        }
    }

    @Test
    void a_cors_preflight_is_granted_to_the_local_servers_own_pages_only() throws Exception {
        int port = server.port();
        // 127x0x0x1: the origins are exact, not patterns in which a dot stands for any character
        for (String origin : List.of("http://evil.example", "null", "http://localhost:" + (port + 1),
                "https://localhost:" + port, "http://127x0x0x1:" + port)) {
            assertThat(preflight(origin, "PUT").headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
        for (String origin : List.of("http://localhost:" + port, "http://127.0.0.1:" + port)) {
            HttpResponse<String> granted = preflight(origin, "PUT");
            assertThat(granted.statusCode()).as(origin).isEqualTo(200);
            assertThat(granted.headers().firstValue("Access-Control-Allow-Origin")).as(origin).contains(origin);
            assertThat(granted.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT", "GET");
            assertThat(preflight(origin, "GET").headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
            assertThat(preflight(origin, "DELETE").headers().firstValue("Access-Control-Allow-Origin")).as("DELETE").isEmpty();
        }
    }

    private static HttpResponse<String> preflight(String origin, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(s3Endpoint.resolve("/" + BUCKET + "/" + KEY))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static LocalServer.Options options(Path folder) throws URISyntaxException {
        return LocalServer.Options.forTests(folder).withTemplate(CrossSiteRequestTest.gatewayTemplate());
    }

    /** S3's endpoint of the server started last: the JVM-wide settings are that server's. */
    private static URI lastStartedS3Endpoint() {
        return URI.create(System.getProperty(Settings.S3_ENDPOINT));
    }

    private static LocalS3Credentials credentialsIn(Path folder) {
        try {
            JsonNode kept = ApiClient.JSON.readTree(folder.resolve(LocalS3Credentials.FILE).toFile());
            return new LocalS3Credentials(kept.path("accessKey").asText(), kept.path("secretKey").asText());
        } catch (IOException e) {
            throw new AssertionError("no credentials file in " + folder, e);
        }
    }

    private static S3Client client(URI endpoint, LocalS3Credentials credentials) {
        return S3Clients.client(REGION, Optional.of(endpoint),
                S3Clients.staticCredentials(credentials.accessKey(), credentials.secretKey()));
    }
}
