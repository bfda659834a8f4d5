package nl.spuk.adapter.out.s3;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.port.StoredContent;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Documents in one S3 bucket. Clients move the bytes themselves with presigned URLs; this adapter signs, copies
 * and reads for the upload check, stores generated letters and deletes.
 *
 * <p>Encryption at rest is the bucket's default encryption (SSE-S3, on by default for every S3 bucket). An
 * explicit {@code x-amz-server-side-encryption} header would become a signed header that every uploading
 * client must repeat, and a {@link PresignedUrl} carries no headers besides the ones the client declared.
 */
public final class S3DocumentStorage implements DocumentStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock realClock;

    /**
     * @param realClock wall-clock time; URLs expire in real time even when the workflow clock has been moved
     */
    public S3DocumentStorage(S3Client s3, S3Presigner presigner, String bucket, Clock realClock) {
        this.s3 = Objects.requireNonNull(s3);
        this.presigner = Objects.requireNonNull(presigner);
        this.bucket = Objects.requireNonNull(bucket);
        this.realClock = Objects.requireNonNull(realClock);
    }

    /**
     * Content-Type and Content-Length become signed headers, so storage refuses a PUT with another type or
     * size: the client must send exactly the headers it declared when asking for the URL.
     */
    @Override
    public PresignedUrl presignUpload(String key, String contentType, long sizeBytes, Duration validFor) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p
                .signatureDuration(validFor)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
        return presigned(signed.url(), validFor);
    }

    @Override
    public PresignedUrl presignDownload(String key, String fileName, String contentType, Duration validFor) {
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p
                .signatureDuration(validFor)
                .getObjectRequest(o -> o.bucket(bucket).key(key)
                        .responseContentDisposition(contentDisposition(fileName))
                        .responseContentType(contentType)));
        return presigned(signed.url(), validFor);
    }

    /** CopyObject copies server-side, keeping the content type; S3 copies the version current when it starts. */
    @Override
    public boolean copy(String fromKey, String toKey) {
        try {
            s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        }
    }

    @Override
    public Optional<StoredContent> read(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(o -> o.bucket(bucket).key(key));
            return Optional.of(new StoredContent(in.response().contentType(), in));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes));
    }

    /** S3 answers a delete of a missing key with success, which is the idempotence the port asks for. */
    @Override
    public void delete(String key) {
        s3.deleteObject(o -> o.bucket(bucket).key(key));
    }

    /**
     * The Content-Disposition for a download (RFC 6266 with RFC 5987 encoding): an ASCII-only {@code filename}
     * for old clients and the exact name, percent-encoded UTF-8, in {@code filename*}.
     */
    public static String contentDisposition(String fileName) {
        String name = fileName == null ? "" : withoutControls(fileName);
        String fallback = asciiFallback(name);
        if (name.isEmpty()) {
            return "attachment; filename=\"" + fallback + "\"";
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percentEncode(name);
    }

    private static String withoutControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /** Printable ASCII only; quotes, backslashes and path separators would break or abuse the quoted string. */
    private static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7e) {
                out.append('_');
            } else if (c != '"' && c != '\\' && c != '/') {
                out.append((char) c);
            }
        });
        String fallback = out.toString().strip();
        return fallback.isEmpty() ? "download" : fallback;
    }

    /** RFC 5987 {@code value-chars}: attr-char stays, every other UTF-8 byte becomes %XX. */
    private static String percentEncode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    private PresignedUrl presigned(URL url, Duration validFor) {
        try {
            return new PresignedUrl(url.toURI(), realClock.instant().plus(validFor));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed an invalid URL", e);
        }
    }
}
