package nl.spuk.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the web UI's bundle (the {@code web} module's {@code dist/}, packaged under {@code META-INF/spuk-web/}) for
 * the GET requests no API route takes, as the site bucket behind CloudFront does in AWS. Vite's hashed files under
 * {@code assets/} are cached for a year; everything else is revalidated. A path that names no file gets
 * {@code index.html} when a browser navigates (it accepts {@code text/html}), so the UI's own routes work on a
 * reload, while an API client still gets the gateway's 404. {@code /config.json} tells the UI it runs in local
 * mode, where it signs in through {@code /local/token}; in AWS the deployment writes that file with the Cognito
 * settings.
 */
final class StaticFiles {
    static final String ROOT = "META-INF/spuk-web/";
    private static final String INDEX = "index.html";

    /**
     * No inline script or style: everything is bundled. Local mode's presigned URLs point at S3Proxy on another
     * loopback port, hence the loopback hosts in connect-src.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self' http://127.0.0.1:* http://localhost:*",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("bpmn", "application/xml"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    private static final byte[] LOCAL_CONFIG = "{\"auth\":\"local\"}".getBytes(StandardCharsets.UTF_8);

    private final ClassLoader classLoader;

    StaticFiles(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The bundle on the local server's own classpath. */
    static StaticFiles fromClasspath() {
        return new StaticFiles(StaticFiles.class.getClassLoader());
    }

    /**
     * The answer to a GET or HEAD no API route took; empty when there is nothing to serve (the gateway answers 404).
     *
     * @param rawPath the request's path, still percent-encoded
     * @param accept the request's Accept header, or null
     */
    Optional<GatewayResponse> answer(String method, String rawPath, String accept) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        if (rawPath.equals("/config.json")) {
            return Optional.of(response("application/json", "no-store", LOCAL_CONFIG));
        }
        Optional<String> name = resourceName(rawPath);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> file = read(name.get());
        if (file.isPresent()) {
            String cache = name.get().startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
            return Optional.of(response(contentType(name.get()), cache, file.get()));
        }
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html") && !name.get().startsWith("assets/")) {
            return read(INDEX).map(index -> response(CONTENT_TYPES.get("html"), "no-cache", index));
        }
        return Optional.empty();
    }

    /** The resource under {@link #ROOT}; empty for paths that could climb out of it or name no file. */
    private static Optional<String> resourceName(String rawPath) {
        String path;
        try {
            path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!path.startsWith("/") || path.contains("\\") || path.contains("\0") || path.contains("//")) {
            return Optional.empty();
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.empty();
            }
        }
        String name = path.substring(1);
        return Optional.of(name.isEmpty() ? INDEX : name);
    }

    private Optional<byte[]> read(String name) {
        if (name.endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = classLoader.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web bundle's " + name, e);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static GatewayResponse response(String contentType, String cacheControl, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        headers.put("Cache-Control", List.of(cacheControl));
        headers.put("Content-Security-Policy", List.of(CONTENT_SECURITY_POLICY));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("Referrer-Policy", List.of("no-referrer"));
        headers.put("X-Frame-Options", List.of("DENY"));
        headers.put("Cross-Origin-Opener-Policy", List.of("same-origin"));
        return new GatewayResponse(200, headers, body);
    }
}
