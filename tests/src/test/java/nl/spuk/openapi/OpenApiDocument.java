package nl.spuk.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The project's OpenAPI document as a JSON tree, with what the tests ask of it: its routes as API Gateway route
 * keys, and validation of a JSON value against one of its schemas (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
final class OpenApiDocument {
    /** Where the document lives, seen from the tests module (Maven runs tests in the module's folder). */
    static final Path PATH = Path.of("..", "openapi.yaml");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    /**
     * 2020-12 plus the OpenAPI 3.1 annotations, refusing any other keyword so a misspelt one ({@code minLenght}) fails
     * instead of silently constraining nothing; {@code components} is where the wrapper keeps the document's schemas.
     */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keywords(Stream.of("components", "example", "discriminator", "xml", "externalDocs")
                            .map(NonValidationKeyword::new).toList())
                    .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                    .build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument load() {
        try {
            return new OpenApiDocument(new YAMLMapper().readTree(Files.readString(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The path every route lives under: the server URL, {@code /v1}. */
    String basePath() {
        return root.path("servers").path(0).path("url").asText();
    }

    /** Every operation as an API Gateway route key, the server's base path included: {@code POST /v1/applications/{id}/submit}. */
    Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        root.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    keys.add(method.toUpperCase(Locale.ROOT) + " " + basePath() + path.getKey());
                }
            }
        });
        return keys;
    }

    /** The document's path of a route key: the key's path without the server's base path. */
    String documentPath(String routeKey) {
        String path = routeKey.split(" ", 2)[1];
        if (!path.startsWith(basePath() + "/")) {
            throw new IllegalArgumentException(routeKey + " is not under " + basePath());
        }
        return path.substring(basePath().length());
    }

    /** The operation object of a route key. */
    JsonNode operation(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode op = root.path("paths").path(documentPath(routeKey)).path(parts[0].toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new IllegalArgumentException("the document has no operation " + routeKey);
        }
        return op;
    }

    /** Follows a local {@code $ref} (one level at a time until the node is no reference). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are expected: " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
        }
        return current;
    }

    /** The errors of {@code value} against the schema {@code schema} (which may refer to the components). */
    Set<ValidationMessage> validate(JsonNode schema, JsonNode value) {
        return compile(schema).validate(value);
    }

    /** A schema of the document (which may refer to the components), compiled with every reference it makes. */
    JsonSchema compile(JsonNode schema) {
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", DIALECT);
        wrapper.set("components", root.get("components"));
        wrapper.putObject("$defs").set("target", schema);
        wrapper.put("$ref", "#/$defs/target");
        JsonSchema compiled = SCHEMAS.getSchema(wrapper, CONFIG);
        compiled.initializeValidators();
        return compiled;
    }

    /** The errors of {@code value} against the component schema of that name. */
    Set<ValidationMessage> validate(String componentSchema, JsonNode value) {
        if (!root.path("components").path("schemas").has(componentSchema)) {
            throw new IllegalArgumentException("no component schema " + componentSchema);
        }
        return validate(JSON.createObjectNode().put("$ref", "#/components/schemas/" + componentSchema), value);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
