package nl.spuk.application.port;

import java.time.Duration;
import java.util.Optional;

/** The object store that holds documents' bytes. Keys are built from ids only. */
public interface DocumentStorage {

    /**
     * A URL for PUTs of exactly this content type and length until it expires (any number of them: storage cannot
     * limit a URL to one); other types or lengths are refused by storage.
     */
    PresignedUrl presignUpload(String key, String contentType, long sizeBytes, Duration validFor);

    /** A URL for one GET, answered as an attachment with this display name. */
    PresignedUrl presignDownload(String key, String fileName, String contentType, Duration validFor);

    /**
     * Copies an object within storage, as one snapshot of its bytes and content type whatever is written under
     * {@code fromKey} meanwhile; false, copying nothing, when there is no object under {@code fromKey}.
     */
    boolean copy(String fromKey, String toKey);

    /** Opens an object to stream its bytes; empty when there is no such object. */
    Optional<StoredContent> read(String key);

    /** Whether there is an object under the key. */
    default boolean exists(String key) {
        Optional<StoredContent> content = read(key);
        content.ifPresent(StoredContent::close);
        return content.isPresent();
    }

    /** Stores bytes the product made itself (letters). */
    void put(String key, byte[] bytes, String contentType);

    /** Removes an object; no error when it is already gone. */
    void delete(String key);
}
