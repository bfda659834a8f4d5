package nl.spuk.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: writes the OpenAPI document as JSON and its {@code info.version} beside it, for the functions'
 * classpath. Jackson keeps every number exactly as written (a JavaScript bundler would round 2^63-1).
 *
 * <p>Arguments: the YAML document, and the folder to write {@code openapi.json} and {@code version} into.
 */
public final class JsonDocument {
    private JsonDocument() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode document = new YAMLMapper().readTree(Path.of(args[0]).toFile());
        String version = document.path("info").path("version").asText();
        if (version.isBlank()) {
            throw new IllegalArgumentException(args[0] + " has no info.version");
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        Files.writeString(out.resolve("openapi.json"), new ObjectMapper().writeValueAsString(document), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("version"), version, StandardCharsets.UTF_8);
    }
}
