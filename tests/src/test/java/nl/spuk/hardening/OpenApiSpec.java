package nl.spuk.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The project's OpenAPI document, read at test time, with the look-ups the hostile corpus needs. */
final class OpenApiSpec {
    static final Path PATH = Path.of("..", "openapi.yaml");

    private final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    static OpenApiSpec load() {
        try {
            return new OpenApiSpec(new YAMLMapper().readTree(Files.readString(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation of a route key such as {@code POST /v1/applications/{id}/submit}, if the document has it. */
    Optional<JsonNode> operation(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode op = root.path("paths").path(documentPath(parts[1])).path(parts[0].toLowerCase(Locale.ROOT));
        return op.isMissingNode() ? Optional.empty() : Optional.of(op);
    }

    /** The parameters of an operation: the path item's and the operation's own, references resolved. */
    List<JsonNode> parameters(String routeKey) {
        List<JsonNode> out = new ArrayList<>();
        String[] parts = routeKey.split(" ", 2);
        root.path("paths").path(documentPath(parts[1])).path("parameters").forEach(p -> out.add(resolve(p)));
        operation(routeKey).ifPresent(op -> op.path("parameters").forEach(p -> out.add(resolve(p))));
        return out;
    }

    /** The schema of the request body in that media type, if the operation takes one. */
    Optional<JsonNode> requestSchema(String routeKey, String mediaType) {
        return operation(routeKey)
                .map(op -> resolve(op.path("requestBody")).path("content").path(mediaType).path("schema"))
                .filter(s -> !s.isMissingNode())
                .map(this::resolve);
    }

    /** A route's path as the document names it: without the server's base path ({@code /v1}). */
    private String documentPath(String routePath) {
        String base = root.path("servers").path(0).path("url").asText();
        return routePath.startsWith(base + "/") ? routePath.substring(base.length()) : routePath;
    }

    /** Follows local references until the node is none. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        int hops = 0;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || ++hops > 20) {
                throw new IllegalArgumentException("cannot follow " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
