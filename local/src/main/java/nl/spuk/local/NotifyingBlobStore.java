package nl.spuk.local;

import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * An S3Proxy blob store that reports every object it has created, standing in for S3's ObjectCreated
 * notifications in local mode. Reports go to an executor so that the S3 request answers without waiting for
 * whatever the listener does, as with real S3 events.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyingBlobStore.class);

    private final Consumer<String> onObjectCreated;
    private final ExecutorService notifier;

    NotifyingBlobStore(BlobStore delegate, Consumer<String> onObjectCreated, ExecutorService notifier) {
        super(delegate);
        this.onObjectCreated = Objects.requireNonNull(onObjectCreated);
        this.notifier = Objects.requireNonNull(notifier);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        created(request.key());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created(upload.blobName());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created(request.destinationKey());
        return response;
    }

    private void created(String key) {
        try {
            notifier.execute(() -> {
                try {
                    onObjectCreated.accept(key);
                } catch (RuntimeException e) {
                    // as with a failed S3 event delivery, the object stays stored; say so and go on with the next
                    LOG.warn("object-created listener failed for key {}", key, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // a request that was still running when LocalS3 closed: the object is stored, its report is lost
            LOG.warn("object {} stored while LocalS3 was closing; not reported", key);
        }
    }
}
