package nl.spuk.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.adapter.out.s3.S3DocumentStorage;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.StoredContent;
import nl.spuk.local.LocalS3;
import nl.spuk.local.LocalS3Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 adapter against S3Proxy in this JVM, over the real SDK and real HTTP with presigned URLs. Public with an
 * overridable {@link #documentStorage()} so the LocalStack suite runs the same tests against LocalStack.
 */
public class S3DocumentStorageTest {

    private static final String BUCKET = "spuk-documents";
    private static final String PDF = "application/pdf";
    private static final Duration VALID = Duration.ofMinutes(5);
    /** The origin of a page that uses the presigned URLs (in local mode the local server's own). */
    private static final String PAGE_ORIGIN = "http://localhost:5173";

    private static final BlockingQueue<String> created = new LinkedBlockingQueue<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalS3 localS3;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static S3DocumentStorage localStorage;

    private S3DocumentStorage storage;

    /** The storage under test: S3Proxy in this JVM with its bucket, started on the class's first test. */
    protected S3DocumentStorage documentStorage() {
        if (localS3 == null) {
            localS3 = LocalS3.start(null, LocalS3Credentials.random(), List.of(PAGE_ORIGIN), created::add);
            AwsCredentialsProvider credentials = S3Clients.staticCredentials(localS3.accessKey(), localS3.secretKey());
            s3 = S3Clients.client("eu-central-1", Optional.of(localS3.endpoint()), credentials);
            presigner = S3Clients.presigner("eu-central-1", Optional.of(localS3.endpoint()), credentials);
            S3Clients.createBucketIfMissing(s3, BUCKET);
            S3Clients.createBucketIfMissing(s3, BUCKET); // a second start finds it and leaves it be
            localStorage = new S3DocumentStorage(s3, presigner, BUCKET, Clock.systemUTC());
        }
        return localStorage;
    }

    @BeforeEach
    void pickStorage() {
        storage = documentStorage();
    }

    @AfterAll
    static void stop() {
        if (localS3 != null) {
            presigner.close();
            s3.close();
            localS3.close();
            localS3 = null;
        }
    }

    /** What storage holds under a key, as the upload check reads it: size, content type and SHA-256. */
    record StoredObject(long sizeBytes, String contentType, String sha256) {
    }

    @Test
    void presignedUploadStoresTheBytesAndReadStreamsThem() throws Exception {
        String key = newKey();
        byte[] bytes = randomBytes(200_000); // several read buffers, so hashing really streams
        Instant before = Instant.now();

        PresignedUrl url = storage.presignUpload(key, PDF, bytes.length, VALID);

        assertThat(url.expiresAt()).isBetween(before.plus(VALID), Instant.now().plus(VALID));
        assertThat(signedHeaders(url.url())).contains("content-length", "content-type");
        assertThat(put(url.url(), PDF, bytes).statusCode()).isEqualTo(200);
        assertThat(inspect(storage, key)).contains(new StoredObject(bytes.length, PDF, sha256(bytes)));
    }

    @Test
    void uploadWithAnotherContentTypeThanSignedIsRefused() throws Exception {
        String key = newKey();
        byte[] bytes = randomBytes(1000);
        PresignedUrl url = storage.presignUpload(key, PDF, bytes.length, VALID);

        HttpResponse<String> refused = put(url.url(), "image/png", bytes);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("SignatureDoesNotMatch");
        assertThat(inspect(storage, key)).isEmpty();
    }

    @Test
    void uploadWithAnotherLengthThanSignedIsRefused() throws Exception {
        String key = newKey();
        PresignedUrl url = storage.presignUpload(key, PDF, 1000, VALID);

        HttpResponse<String> tooLong = put(url.url(), PDF, randomBytes(1001));
        HttpResponse<String> tooShort = put(url.url(), PDF, randomBytes(999));

        assertThat(tooLong.statusCode()).isEqualTo(403);
        assertThat(tooLong.body()).contains("SignatureDoesNotMatch");
        assertThat(tooShort.statusCode()).isEqualTo(403);
        assertThat(inspect(storage, key)).isEmpty();
    }

    @Test
    void aPresignedUrlIsGoodForItsOwnKeyOnly() throws Exception {
        String key = newKey();
        String otherKey = newKey();
        byte[] bytes = randomBytes(100);
        URI url = storage.presignUpload(key, PDF, bytes.length, VALID).url();
        URI redirected = URI.create(url.toString().replace(key, otherKey));

        assertThat(put(redirected, PDF, bytes).statusCode()).isEqualTo(403);
        assertThat(inspect(storage, otherKey)).isEmpty();
    }

    @Test
    void presignedDownloadReturnsTheBytesAsAnAttachmentWithTheDisplayName() throws Exception {
        String key = newKey();
        byte[] bytes = randomBytes(5000);
        storage.put(key, bytes, PDF);
        String displayName = "Plan “mantelzorg” één; 2025.pdf";

        PresignedUrl url = storage.presignDownload(key, displayName, PDF, VALID);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).contains(PDF);
        String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).isEqualTo(S3DocumentStorage.contentDisposition(displayName));
        assertThat(disposition).startsWith("attachment; filename=\"Plan _mantelzorg_ __n; 2025.pdf\"; filename*=UTF-8''");
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + "UTF-8''".length());
        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(displayName);
    }

    @Test
    void contentDispositionKeepsQuotesControlsAndSeparatorsOutOfTheFallback() {
        assertThat(S3DocumentStorage.contentDisposition("a\"b\\c/d\r\ne\u0000.pdf"))
                .isEqualTo("attachment; filename=\"abcde.pdf\"; filename*=UTF-8''a%22b%5Cc%2Fde.pdf");
        assertThat(S3DocumentStorage.contentDisposition("\u00e9"))
                .isEqualTo("attachment; filename=\"_\"; filename*=UTF-8''%C3%A9");
        assertThat(S3DocumentStorage.contentDisposition("\u0007")).isEqualTo("attachment; filename=\"download\"");
    }

    @Test
    protected void browsersMayUploadFromAnotherOrigin() throws Exception {
        URI url = storage.presignUpload(newKey(), PDF, 10, VALID).url();
        HttpRequest preflight = HttpRequest.newBuilder(url)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE_ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build();

        HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                origin -> assertThat(origin).isIn("*", PAGE_ORIGIN));
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
    }

    @Test
    void readOfAMissingKeyIsEmpty() {
        assertThat(storage.read(newKey())).isEmpty();
    }

    @Test
    void aCopyKeepsTheBytesAndTypeItCopiedWhateverIsPutUnderTheSourceAfterwards() {
        String upload = newKey();
        String checked = "checked/" + UUID.randomUUID();
        byte[] first = randomBytes(70_000);
        byte[] second = randomBytes(70_001);
        storage.put(upload, first, PDF);

        assertThat(storage.copy(upload, checked)).isTrue();
        storage.put(upload, second, "image/png");

        assertThat(inspect(storage, checked)).contains(new StoredObject(first.length, PDF, sha256(first)));
        assertThat(inspect(storage, upload)).contains(new StoredObject(second.length, "image/png", sha256(second)));
    }

    @Test
    void aCopyOfAMissingObjectCopiesNothing() {
        String checked = "checked/" + UUID.randomUUID();

        assertThat(storage.copy(newKey(), checked)).isFalse();
        assertThat(storage.read(checked)).isEmpty();
    }

    @Test
    void putStoresGeneratedBytesAndDeleteIsIdempotent() {
        String key = newKey();
        byte[] letter = "%PDF-1.7 award letter".getBytes(StandardCharsets.US_ASCII);
        storage.put(key, letter, PDF);
        assertThat(inspect(storage, key)).contains(new StoredObject(letter.length, PDF, sha256(letter)));

        storage.delete(key);

        assertThat(inspect(storage, key)).isEmpty();
        assertThatCode(() -> storage.delete(key)).doesNotThrowAnyException();
    }

    @Test
    protected void anUploadIsReportedWithItsKey() throws Exception {
        String key = newKey();
        byte[] bytes = randomBytes(10);
        URI url = storage.presignUpload(key, PDF, bytes.length, VALID).url();
        assertThat(put(url, PDF, bytes).statusCode()).isEqualTo(200);

        assertThat(awaitCreated(key)).as("object-created report for " + key).isTrue();
    }

    private static boolean awaitCreated(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String reported = created.poll(left, TimeUnit.NANOSECONDS);
            if (key.equals(reported)) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<String> put(URI url, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String signedHeaders(URI url) {
        for (String parameter : url.getRawQuery().split("&")) {
            if (parameter.startsWith("X-Amz-SignedHeaders=")) {
                return URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String newKey() {
        return "applications/" + UUID.randomUUID() + "/documents/" + UUID.randomUUID();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** Reads the object whole, as the upload check does: its size, content type and SHA-256. */
    static Optional<StoredObject> inspect(DocumentStorage storage, String key) {
        return storage.read(key).map(content -> {
            try (StoredContent c = content) {
                byte[] bytes = c.bytes().readAllBytes();
                return new StoredObject(bytes.length, c.contentType(), sha256(bytes));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
