package nl.spuk.adapter.in.lambda;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.time.Instant;
import java.util.List;
import nl.spuk.application.UploadCheck;
import org.junit.jupiter.api.Test;

/** The upload check takes reports of the documents bucket only. */
class DocumentUploadedHandlerTest {
    private static final String DOCUMENTS = "spuk-prod-documents-123456789012-eu-central-1";

    private final UploadCheck uploads = mock(UploadCheck.class);
    private final DocumentUploadedHandler handler = new DocumentUploadedHandler(uploads, DOCUMENTS);

    @Test
    void checks_an_object_of_the_documents_bucket_by_its_decoded_key() {
        handler.handleRequest(new S3Event(List.of(record(DOCUMENTS, "applications/a+b/documents/d1"))), null);

        verify(uploads).confirmUpload("applications/a b/documents/d1");
        verifyNoMoreInteractions(uploads);
    }

    @Test
    void skips_a_report_of_another_bucket_and_checks_the_others_of_the_event() {
        handler.handleRequest(new S3Event(List.of(
                record("someone-elses-bucket", "applications/a1/documents/d1"),
                record(DOCUMENTS, "applications/a2/documents/d2"))), null);

        verify(uploads).confirmUpload("applications/a2/documents/d2");
        verifyNoMoreInteractions(uploads);
    }

    private static S3EventNotification.S3EventNotificationRecord record(String bucket, String key) {
        var owner = new S3EventNotification.UserIdentityEntity("123456789012");
        var object = new S3EventNotification.S3ObjectEntity(key, 5L, "etag", "v1", "0001");
        var s3 = new S3EventNotification.S3Entity("object-created", new S3EventNotification.S3BucketEntity(bucket, owner,
                "arn:aws:s3:::" + bucket), object, "1.0");
        return new S3EventNotification.S3EventNotificationRecord("eu-central-1", "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("x-amz-id-2", "request"), s3, owner);
    }
}
