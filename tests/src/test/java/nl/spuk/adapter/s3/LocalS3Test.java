package nl.spuk.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.adapter.out.s3.S3DocumentStorage;
import nl.spuk.local.LocalS3;
import nl.spuk.local.LocalS3Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** LocalS3's own promises: persistence in a folder and reports delivered before close returns. */
class LocalS3Test {

    private static final String BUCKET = "spuk-documents";
    private static final String KEY = "applications/a-1/documents/d-1";
    private static final LocalS3Credentials CREDENTIALS = LocalS3Credentials.random();

    @Test
    void theFilesystemBackendKeepsObjectsAcrossARestart(@TempDir Path dir) {
        byte[] bytes = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        try (LocalS3 first = LocalS3.start(dir, CREDENTIALS, List.of(), key -> { })) {
            withStorage(first, storage -> storage.put(KEY, bytes, "text/csv"));
        }

        try (LocalS3 second = LocalS3.start(dir, CREDENTIALS, List.of(), key -> { })) {
            withStorage(second, storage -> assertThat(S3DocumentStorageTest.inspect(storage, KEY))
                    .contains(new S3DocumentStorageTest.StoredObject(bytes.length, "text/csv", S3DocumentStorageTest.sha256(bytes))));
        }
    }

    @Test
    void closeDeliversTheReportsStillQueued() {
        List<String> reported = new CopyOnWriteArrayList<>();
        try (LocalS3 s3 = LocalS3.start(null, CREDENTIALS, List.of(), key -> {
            sleep(300); // a slow listener: its report is still queued when close begins
            reported.add(key);
        })) {
            withStorage(s3, storage -> storage.put(KEY, new byte[] {1, 2, 3}, "image/png"));
        }

        assertThat(reported).containsExactly(KEY);
    }

    private static void withStorage(LocalS3 local, java.util.function.Consumer<S3DocumentStorage> use) {
        AwsCredentialsProvider credentials = S3Clients.staticCredentials(local.accessKey(), local.secretKey());
        try (S3Client s3 = S3Clients.client("eu-central-1", Optional.of(local.endpoint()), credentials);
                S3Presigner presigner = S3Clients.presigner("eu-central-1", Optional.of(local.endpoint()), credentials)) {
            S3Clients.createBucketIfMissing(s3, BUCKET);
            use.accept(new S3DocumentStorage(s3, presigner, BUCKET, Clock.systemUTC()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
