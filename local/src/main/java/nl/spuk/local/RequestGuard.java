package nl.spuk.local;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other web pages out of the local server. A page of any site can make the browser of someone running local
 * mode send requests here: under the site's own name once its DNS answers 127.0.0.1 (DNS rebinding; the Host header
 * then names that site), or as a cross-origin POST of text/plain or form data, which needs no CORS preflight (the
 * Origin header then names that site). So only this machine's loopback names are served, and requests that change
 * something are taken only from the server's own pages, or from clients such as curl that send no Origin.
 */
final class RequestGuard {
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final int port;
    private final Set<String> ownOrigins;

    RequestGuard(int port) {
        this.port = port;
        this.ownOrigins = Set.copyOf(ownOrigins(port));
    }

    /** The origins of the pages this server serves: {@code http://localhost:PORT} and the loopback addresses. */
    static List<String> ownOrigins(int port) {
        // a browser leaves out the scheme's default port
        String suffix = port == 80 ? "" : ":" + port;
        return LOOPBACK_HOSTS.stream().map(host -> "http://" + host + suffix).toList();
    }

    /** The answer to a request from elsewhere; empty for a request this server takes. */
    Optional<GatewayResponse> refusal(String method, Headers headers) {
        List<String> hosts = headers.get("Host");
        if (hosts == null || hosts.size() != 1) {
            return Optional.of(GatewayResponse.problem(400, "a request needs exactly one Host header"));
        }
        if (!isLoopback(hosts.get(0))) {
            // 421 Misdirected Request: this server is not the one for the name the client asked for, which is
            // the case of a rebound name; 400 would call the request itself malformed
            return Optional.of(GatewayResponse.problem(421, "the local server answers only requests for localhost, "
                    + "127.0.0.1 or [::1] on port " + port));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !SAFE_METHODS.contains(method) && !ownOrigins.contains(origin)) {
            return Optional.of(GatewayResponse.problem(403, "the local server takes requests that change something "
                    + "only from its own pages (" + ownOrigins(port).get(0) + "), not from pages of another origin"));
        }
        return Optional.empty();
    }

    /** {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, without a port or with this server's. */
    private boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        String portSuffix = ":" + port;
        if (name.endsWith(portSuffix)) {
            name = name.substring(0, name.length() - portSuffix.length());
        }
        return LOOPBACK_HOSTS.contains(name);
    }
}
