package nl.spuk.adapter.in.lambda.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI document of this API, as the {@code api} module bundles it onto the classpath: the JSON that
 * {@code GET /v1/openapi.json} serves, and its {@code info.version}, which every answer carries as
 * {@code API-Version}. Only the version is read at start; the document when first asked for.
 */
public final class ApiDocument {
    /** The header the Dutch API Design Rules ask for on every answer. */
    public static final String VERSION_HEADER = "API-Version";
    /** The full version of the API: the document's {@code info.version}. */
    public static final String VERSION = read("version").strip();

    private ApiDocument() {
    }

    /** The document as JSON. */
    public static String json() {
        return Lazily.DOCUMENT;
    }

    private static final class Lazily {
        static final String DOCUMENT = read("openapi.json");
    }

    private static String read(String name) {
        String resource = "/nl/spuk/api/" + name;
        try (InputStream in = ApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (built by the api module)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
