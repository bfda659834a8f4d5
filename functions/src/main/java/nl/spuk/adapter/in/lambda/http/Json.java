package nl.spuk.adapter.in.lambda.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the API: strict on input (duplicate keys, trailing tokens), plain on output. Built on first
 * use: an answer that is a plain tree is written without it ({@link PlainJson}), so a read route's cold start need
 * not load Jackson.
 */
public final class Json {
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .build();

        static {
            INSTANCE.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        }
    }

    private Json() {
    }

    /** Parses a request body; malformed JSON is the client's fault (400). */
    public static JsonNode parse(String body) {
        try {
            JsonNode node = Mapper.INSTANCE.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty; a JSON object is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(Object value) {
        String plain = PlainJson.write(value);
        if (plain != null) {
            return plain;
        }
        try {
            return Mapper.INSTANCE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
