package nl.spuk.adapter.out.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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

    /** The pseudo-attribute in which a token carries the scope it was given out for. */
    private static final String SCOPE = "~scope";

    /**
     * What a token is bound to: a digest of who asked and what. A list whose tokens carry it refuses the token of
     * another caller or of another query (other filters, search or order), even where the start key would fit.
     */
    static String scope(Object... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Arrays.toString(parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The token for a start key bound to a scope, or null for none (the last page). */
    static String encode(Map<String, AttributeValue> key, String scope) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> scoped = new TreeMap<>(key);
        scoped.put(SCOPE, AttributeValue.fromS(scope));
        return encode(scoped);
    }

    /**
     * The start key in a token given out for this scope, or null for a null token.
     *
     * @throws IllegalArgumentException also when the token was given out for another scope
     */
    static Map<String, AttributeValue> decode(String token, Set<String> attributes, String scope) {
        Set<String> scoped = new java.util.HashSet<>(attributes);
        scoped.add(SCOPE);
        Map<String, AttributeValue> key = decode(token, scoped);
        if (key == null) {
            return null;
        }
        if (!scope.equals(key.remove(SCOPE).s())) {
            throw new IllegalArgumentException("nextToken was given out to another caller or for another query");
        }
        return key;
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
