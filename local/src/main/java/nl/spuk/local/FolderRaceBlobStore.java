package nl.spuk.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Puts that lost a race with a delete in the same folder, tried again. S3Proxy's file stores keep a key's slashes as
 * folders and remove the folders a delete leaves empty; a put into such a folder creates it first, and when the delete's
 * cleanup removes it in between, the put fails with {@link NoSuchFileException} before it has read a byte of its body
 * (a client then sees 500, which S3 never answers for this). The upload check deletes an upload once it has copied it,
 * so the next upload of the same application can meet that moment. A put whose body was read is never tried again.
 */
final class FolderRaceBlobStore extends ForwardingBlobStore {
    private static final int ATTEMPTS = 5;

    FolderRaceBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        ReadOrNot body = new ReadOrNot(content);
        for (int attempt = 1; ; attempt++) {
            try {
                return super.putBlob(request, body);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || body.read || !(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    /** Tells whether anything was read from the body. */
    private static final class ReadOrNot extends FilterInputStream {
        private boolean read;

        ReadOrNot(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            read = true;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            read = true;
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            read = true;
            return super.skip(n);
        }
    }
}
