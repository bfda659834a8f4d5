package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import nl.spuk.application.documents.DocumentService;
import nl.spuk.config.LambdaContainer;

/** Storage reports a new object: the document it belongs to is checked and becomes AVAILABLE or REJECTED. */
public final class DocumentUploadedHandler implements RequestHandler<S3Event, Void> {
    private final DocumentService documents;

    public DocumentUploadedHandler() {
        this(LambdaContainer.components().documents());
    }

    public DocumentUploadedHandler(DocumentService documents) {
        this.documents = documents;
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
            // S3 notifications carry the key URL-encoded, spaces as '+'.
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            documents.confirmUpload(key);
        }
    }
}
