package nl.spuk.adapter.out.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of a page: a query's start key (string attributes only) in URL-safe base64.
 * A token that does not decode to a key of the expected attributes is refused with
 * {@link IllegalArgumentException} (the caller answers 400).
 */
final class PageToken {
    private static final int FORMAT = 1;

    private PageToken() {
    }

    /** The token for a start key, or null for none (the last page). */
    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(key.size());
            for (Map.Entry<String, AttributeValue> e : new TreeMap<>(key).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue().s());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /**
     * The start key in a token, or null for a null token.
     *
     * @param attributes exactly the key attributes a start key of this query has
     */
    static Map<String, AttributeValue> decode(String token, Set<String> attributes) {
        if (token == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(token)))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("unknown nextToken format");
            }
            int size = in.readByte();
            Map<String, AttributeValue> key = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                key.put(in.readUTF(), AttributeValue.fromS(in.readUTF()));
            }
            if (in.read() != -1 || !key.keySet().equals(attributes)) {
                throw new IllegalArgumentException("nextToken does not belong to this query");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed nextToken", e);
        }
    }
}
