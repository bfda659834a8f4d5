package nl.spuk.application.port;

import java.time.Duration;
import java.util.Optional;

/** The object store that holds documents' bytes. Keys are built from ids only. */
public interface DocumentStorage {

    /** A URL for one PUT of exactly this content type and length; other types or lengths are refused by storage. */
    PresignedUrl presignUpload(String key, String contentType, long sizeBytes, Duration validFor);

    /** A URL for one GET, answered as an attachment with this display name. */
    PresignedUrl presignDownload(String key, String fileName, String contentType, Duration validFor);

    /** Reads the object to measure it and compute its SHA-256; empty when there is no such object. */
    Optional<StoredObject> inspect(String key);

    /** Stores bytes the product made itself (letters). */
    void put(String key, byte[] bytes, String contentType);

    /** Removes an object; no error when it is already gone. */
    void delete(String key);
}
