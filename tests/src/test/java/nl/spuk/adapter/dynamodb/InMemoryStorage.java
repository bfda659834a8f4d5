package nl.spuk.adapter.dynamodb;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.spuk.application.port.DocumentStorage;
import nl.spuk.application.port.PresignedUrl;
import nl.spuk.application.port.StoredContent;

/** Object storage in a map, for tests of what the upload check reads and writes; "URLs" are never fetched. */
class InMemoryStorage implements DocumentStorage {
    record StoredObject(String contentType, byte[] bytes) {
    }

    final Map<String, StoredObject> objects = new ConcurrentHashMap<>();

    /** What a client's PUT to the upload URL does. */
    void put(String key, String contentType, byte[] bytes) {
        objects.put(key, new StoredObject(contentType, bytes.clone()));
    }

    @Override
    public PresignedUrl presignUpload(String key, String contentType, long sizeBytes, Duration validFor) {
        return new PresignedUrl(URI.create("memory:" + key), Instant.EPOCH.plus(validFor));
    }

    @Override
    public PresignedUrl presignDownload(String key, String fileName, String contentType, Duration validFor) {
        return new PresignedUrl(URI.create("memory:" + key), Instant.EPOCH.plus(validFor));
    }

    @Override
    public boolean copy(String fromKey, String toKey) {
        StoredObject source = objects.get(fromKey);
        if (source == null) {
            return false;
        }
        objects.put(toKey, source);
        return true;
    }

    @Override
    public Optional<StoredContent> read(String key) {
        return Optional.ofNullable(objects.get(key))
                .map(o -> new StoredContent(o.contentType(), new ByteArrayInputStream(o.bytes())));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        put(key, contentType, bytes);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }
}
