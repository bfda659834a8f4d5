package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Local mode's S3 event notification: for every object created under the template's key prefix, calls the
 * function of the template's S3 event with a real {@link S3Event}, retrying twice as Lambda does for
 * asynchronous invocations.
 */
final class S3Notifications implements Consumer<String> {
    private static final Logger LOG = LoggerFactory.getLogger(S3Notifications.class);
    private static final int ATTEMPTS = 3;
    private static final long RETRY_DELAY_MILLIS = 1000;

    private final LocalFunction function;
    private final String keyPrefix;
    private final String bucket;
    private final String region;
    private final S3Client s3;

    S3Notifications(LocalFunction function, String keyPrefix, String bucket, String region, S3Client s3) {
        this.function = function;
        this.keyPrefix = keyPrefix;
        this.bucket = bucket;
        this.region = region;
        this.s3 = s3;
    }

    @Override
    public void accept(String key) {
        if (!key.startsWith(keyPrefix)) {
            return;
        }
        HeadObjectResponse head;
        try {
            head = s3.headObject(h -> h.bucket(bucket).key(key));
        } catch (NoSuchKeyException gone) {
            // removed before its report went out (a check that ran first removes the upload): nothing left to check
            LOG.debug("s3://{}/{} is gone before its report", bucket, key);
            return;
        }
        S3Event event = event(key, head);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                function.invoke(event, UUID.randomUUID().toString());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.error("{} failed for s3://{}/{} after {} attempts", function.name(), bucket, key, ATTEMPTS, e);
                    return;
                }
                LOG.warn("{} failed for s3://{}/{}; trying again", function.name(), bucket, key, e);
                sleep(RETRY_DELAY_MILLIS * attempt);
            }
        }
    }

    private S3Event event(String key, HeadObjectResponse head) {
        String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        var object = new S3EventNotification.S3ObjectEntity(encodeKey(key), head.contentLength(), eTag, head.versionId(),
                Long.toHexString(System.nanoTime()).toUpperCase());
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity(LocalServer.ACCOUNT_ID), "arn:aws:s3:::" + bucket);
        var s3Entity = new S3EventNotification.S3Entity("local-object-created", bucketEntity, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(region, "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", UUID.randomUUID().toString()), s3Entity,
                new S3EventNotification.UserIdentityEntity(LocalServer.ACCOUNT_ID));
        return new S3Event(List.of(record));
    }

    /** Encodes a key as S3 event notifications carry it: form-encoded per segment, so a space becomes "+". */
    static String encodeKey(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8));
        }
        return String.join("/", segments);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
