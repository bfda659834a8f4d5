package nl.spuk.application.fakes;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.port.StoredContent;

/**
 * {@link DocumentStorage} in memory. A presigned upload remembers the content type and length it allows, and
 * {@link #upload} (the client's PUT to that URL) is refused for others, as S3 refuses them; {@link #putObject} stores
 * anything under a key, for a test that needs what a presigned PUT would refuse.
 */
public final class InMemoryDocumentStorage implements DocumentStorage {
    /** What one object holds. */
    public record StoredBytes(byte[] bytes, String contentType) {
    }

    private record Presigned(String contentType, long sizeBytes) {
    }

    private final Clock clock;
    private final Map<String, StoredBytes> objects = new HashMap<>();
    private final Map<String, Presigned> uploads = new HashMap<>();

    public InMemoryDocumentStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized PresignedUrl presignUpload(String key, String contentType, long sizeBytes, Duration validFor) {
        uploads.put(key, new Presigned(contentType, sizeBytes));
        return new PresignedUrl(URI.create("https://storage.test/" + key + "?put&type="
                + URLEncoder.encode(contentType, StandardCharsets.UTF_8) + "&length=" + sizeBytes),
                clock.instant().plus(validFor));
    }

    @Override
    public synchronized PresignedUrl presignDownload(String key, String fileName, String contentType, Duration validFor) {
        return new PresignedUrl(URI.create("https://storage.test/" + key + "?get&name="
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8)), clock.instant().plus(validFor));
    }

    /** The client's PUT to a presigned URL: refused unless presigned for exactly this type and length. */
    public synchronized void upload(String key, byte[] bytes, String contentType) {
        Presigned allowed = uploads.get(key);
        if (allowed == null || !allowed.contentType().equals(contentType) || allowed.sizeBytes() != bytes.length) {
            throw new IllegalStateException("storage refuses the PUT to " + key + ": not presigned for " + contentType
                    + " of " + bytes.length + " bytes");
        }
        objects.put(key, new StoredBytes(bytes.clone(), contentType));
    }

    /** Stores an object whatever was presigned (a test's way to put what storage would otherwise refuse). */
    public synchronized void putObject(String key, byte[] bytes, String contentType) {
        objects.put(key, new StoredBytes(bytes.clone(), contentType));
    }

    @Override
    public synchronized boolean copy(String fromKey, String toKey) {
        StoredBytes o = objects.get(fromKey);
        if (o == null) {
            return false;
        }
        objects.put(toKey, new StoredBytes(o.bytes().clone(), o.contentType()));
        return true;
    }

    @Override
    public synchronized Optional<StoredContent> read(String key) {
        StoredBytes o = objects.get(key);
        return o == null ? Optional.empty()
                : Optional.of(new StoredContent(o.contentType(), new ByteArrayInputStream(o.bytes())));
    }

    @Override
    public synchronized void put(String key, byte[] bytes, String contentType) {
        objects.put(key, new StoredBytes(bytes.clone(), contentType));
    }

    @Override
    public synchronized void delete(String key) {
        objects.remove(key);
    }

    /** The object under the key, if any. */
    public synchronized Optional<StoredBytes> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Every key that holds an object. */
    public synchronized Set<String> keys() {
        return new TreeSet<>(objects.keySet());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
