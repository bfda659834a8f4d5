package nl.spuk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import nl.spuk.local.ApiClient.Response;
import nl.spuk.local.ApiClient;
import nl.spuk.local.LocalServer;
import nl.spuk.local.LocalTokens;
import org.slf4j.LoggerFactory;

/**
 * A local server of one hardening test class: its own data folder and workflow clock (the engine's clock is one
 * per JVM, so the integration tests' shared server is stopped first). Signs in the users the tests need, forges
 * the tokens an attacker would try, moves the workflow clock to run due timers, and captures the product's logs so
 * a test can prove no token or secret reaches them.
 */
final class HardeningServer implements AutoCloseable {
    private static final AtomicInteger USERS = new AtomicInteger();

    private final LocalServer server;
    private final ApiClient anonymous;
    private final RSAKey signingKey;
    private final LogCapture logs;
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private int clockJumps;

    private HardeningServer(LocalServer server, LogCapture logs) {
        this.server = server;
        this.anonymous = new ApiClient(server.baseUri());
        this.logs = logs;
        try {
            this.signingKey = RSAKey.parse(Files.readString(server.dataDir().resolve(LocalTokens.KEY_FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("the local server's key is not a JWK", e);
        }
    }

    /** Stops the integration tests' shared server, if one runs, and starts one of our own on a fresh folder. */
    static HardeningServer start(String name) {
        return start(name, UnaryOperator.identity());
    }

    /** As {@link #start(String)}, with the test options changed (a periodic tick, hooks into the product's clients). */
    static HardeningServer start(String name, UnaryOperator<LocalServer.Options> options) {
        stopSharedServer();
        LogCapture logs = LogCapture.install();
        try {
            Path dir = Files.createTempDirectory("spuk-" + name);
            return new HardeningServer(LocalServer.start(options.apply(LocalServer.Options.forTests(dir))), logs);
        } catch (IOException e) {
            logs.uninstall();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            logs.uninstall();
            throw e;
        }
    }

    /**
     * The shared server lives in the integration tests' package; its {@code stop()} is package-private there, so it is
     * reached by reflection rather than by widening that class for one caller.
     */
    private static void stopSharedServer() {
        try {
            Method stop = Class.forName("nl.spuk.it.SharedLocalServer").getDeclaredMethod("stop");
            stop.setAccessible(true);
            stop.invoke(null);
        } catch (ClassNotFoundException e) {
            // no integration tests on the class path: nothing shares the JVM
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop the shared local server", e);
        }
    }

    ApiClient anonymous() {
        return anonymous;
    }

    /** A user signed in through {@code POST /local/token}; every token issued is remembered for the log check. */
    ApiClient user(String sub, String role, String municipalityOrNull) {
        String token = anonymous.token(sub, role, municipalityOrNull);
        issuedTokens.add(token);
        return anonymous.withToken(token);
    }

    ApiClient municipality(String code) {
        return user("official-" + code + "-" + USERS.incrementAndGet(), "municipality", code);
    }

    ApiClient advisor() {
        return user("advisor-" + USERS.incrementAndGet(), "advisor", null);
    }

    ApiClient ministry() {
        return user("ministry-" + USERS.incrementAndGet(), "ministry", null);
    }

    /** Moves the workflow clock a second ahead of real time (plus earlier moves), which runs every due timer. */
    synchronized void runDueJobs() {
        clockJumps++;
        Response moved = anonymous.post("/local/clock", Map.of("now", Instant.now().plusSeconds(clockJumps).toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    /** Claims as the local identity provider writes them, valid from now for twelve hours. */
    static JWTClaimsSet.Builder claims(String sub, List<String> groups, String municipalityOrNull) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(LocalTokens.ISSUER)
                .audience(LocalTokens.AUDIENCE)
                .subject(sub)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LocalTokens.VALIDITY)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("name", sub)
                .claim("cognito:groups", groups);
        if (municipalityOrNull != null) {
            b.claim("custom:municipality", municipalityOrNull);
        }
        return b;
    }

    /** A token signed with the server's own key: what the identity provider itself would issue. */
    String signedByServer(JWTClaimsSet claims) {
        return remember(sign(signingKey, claims));
    }

    /** A municipality token of the server's key whose validity ended a minute ago. */
    String expiredToken(String code) {
        Instant now = Instant.now();
        return signedByServer(claims("expired-" + code, List.of("municipality"), code)
                .issueTime(Date.from(now.minus(Duration.ofHours(13))))
                .notBeforeTime(Date.from(now.minus(Duration.ofHours(13))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(1))))
                .build());
    }

    /** A ministry token with every claim right, signed with another RSA key that claims the server key's id. */
    String otherKeyToken() {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
            return remember(sign(other, claims("intruder", List.of("ministry"), null).build()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A genuine municipality token of {@code code} whose payload was edited to claim the ministry group, the signature
     * left as it was.
     */
    String forgedGroupToken(String code) {
        String genuine = anonymous.token("forger-" + code, "municipality", code);
        String[] parts = genuine.split("\\.");
        try {
            ObjectNode payload = (ObjectNode) ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            ArrayNode groups = payload.putArray("cognito:groups");
            groups.add("ministry");
            payload.remove("custom:municipality");
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(ApiClient.JSON.writeValueAsBytes(payload));
            return remember(parts[0] + "." + forged + "." + parts[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unsigned token ({@code alg: none}) of a ministry user. */
    String unsignedToken() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims("nobody", List.of("ministry"), null).build().toString().getBytes(StandardCharsets.UTF_8));
        return remember(header + "." + payload + ".");
    }

    /** A ministry token signed HS256 with the server's public key as the secret (algorithm confusion). */
    String publicKeyAsHmacSecretToken() {
        try {
            byte[] secret = signingKey.toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(),
                    claims("confused", List.of("ministry"), null).build());
            jwt.sign(new MACSigner(secret));
            return remember(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String remember(String token) {
        issuedTokens.add(token);
        return token;
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every log line written since the server started that shows a token issued or forged here (or its signature), the
     * signing key's private part, the storage secret key or a presigned URL's signature.
     */
    List<String> logLinesWithSecrets() {
        List<String> secrets = new ArrayList<>();
        for (String token : issuedTokens) {
            secrets.add(token);
            String[] parts = token.split("\\.");
            if (parts.length == 3 && parts[2].length() > 16) {
                secrets.add(parts[2]);
            }
        }
        secrets.add(signingKey.getPrivateExponent().toString());
        String s3Secret = System.getProperty("aws.secretAccessKey");
        if (s3Secret != null && !s3Secret.isBlank()) {
            secrets.add(s3Secret);
        }
        List<String> found = new ArrayList<>();
        for (String line : logs.lines()) {
            if (line.contains("X-Amz-Signature=") || line.contains("Bearer ey")
                    || secrets.stream().anyMatch(line::contains)) {
                found.add(line);
            }
        }
        return found;
    }

    /** How many log lines were captured (to show the check looked at something). */
    int capturedLogLines() {
        return logs.lines().size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            logs.uninstall();
        }
    }

    /**
     * Captures, while installed, everything the product logs (the {@code nl.spuk} loggers down to DEBUG; others at
     * the configured level), with stack traces, as text.
     */
    private static final class LogCapture extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private Level productLevelBefore;
        /** The configured console, which keeps showing the product's warnings and errors. */
        private Appender<ILoggingEvent> console;

        static LogCapture install() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            LogCapture capture = new LogCapture();
            capture.setContext(context);
            capture.setName("hardening-capture");
            capture.start();
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            capture.console = root.getAppender("CONSOLE");
            root.addAppender(capture);
            // the product's own lines go to the capture only, so its DEBUG lines do not flood the console
            Logger product = context.getLogger("nl.spuk");
            capture.productLevelBefore = product.getLevel();
            product.setLevel(Level.DEBUG);
            product.setAdditive(false);
            product.addAppender(capture);
            return capture;
        }

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(line.toString());
            if (console != null && event.getLoggerName().startsWith("nl.spuk") && event.getLevel().isGreaterOrEqual(Level.WARN)) {
                console.doAppend(event);
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        void uninstall() {
            LoggerContext context = (LoggerContext) getContext();
            Logger product = context.getLogger("nl.spuk");
            product.detachAppender(this);
            product.setAdditive(true);
            product.setLevel(productLevelBefore);
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
            stop();
        }
    }
}
