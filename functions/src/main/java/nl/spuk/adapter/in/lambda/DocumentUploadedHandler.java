package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import nl.spuk.application.UploadCheck;
import nl.spuk.config.LambdaContainer;
import nl.spuk.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage reports a new object: the document it belongs to is checked and becomes AVAILABLE or REJECTED. Only reports
 * of the documents bucket count; one of another bucket is skipped, since the check reads and removes objects of the
 * documents bucket under the key it is given.
 */
public final class DocumentUploadedHandler implements RequestHandler<S3Event, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentUploadedHandler.class);

    private final UploadCheck uploads;
    private final String documentsBucket;

    public DocumentUploadedHandler() {
        this(LambdaContainer.components().uploads(), Settings.fromEnvironment().bucketName());
    }

    /**
     * @param documentsBucket the bucket whose reports are checked (the one the upload check reads)
     */
    public DocumentUploadedHandler(UploadCheck uploads, String documentsBucket) {
        this.uploads = uploads;
        this.documentsBucket = Objects.requireNonNull(documentsBucket);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        try (LogContext logContext = LogContext.open(context, this)) {
            confirm(event);
        }
        return null;
    }

    private void confirm(S3Event event) {
        for (var record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            if (!documentsBucket.equals(bucket)) {
                LOG.warn("skipped a report of an object in bucket {}: only {} holds documents", bucket, documentsBucket);
                continue;
            }
            // S3 notifications carry the key URL-encoded, spaces as '+'.
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            uploads.confirmUpload(key);
        }
    }
}
