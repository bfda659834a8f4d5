package nl.spuk.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Local mode's identity provider and JWT authorizer in one: issues RS256 tokens shaped like Cognito ID tokens
 * and validates bearer tokens as the HTTP API JWT authorizer does (signature, issuer, audience, expiry, not
 * before), handing the claims on flattened to strings as API Gateway does. The key pair is created on first
 * start and kept as a JWK in the data folder, so tokens stay valid across restarts.
 */
public final class LocalTokens {
    /** The {@code iss} of local tokens. */
    public static final String ISSUER = "https://spuk.localhost/local-issuer";
    /** The {@code aud} of local tokens, standing in for the Cognito app client id. */
    public static final String AUDIENCE = "spuk-local";
    /** The file in the data folder that holds the signing key (a private RSA JWK). */
    public static final String KEY_FILE = "local-jwt-key.json";
    public static final Duration VALIDITY = Duration.ofHours(12);

    private final RSAKey key;
    private final JWSVerifier verifier;
    private final Clock clock;

    private LocalTokens(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        try {
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable key in " + KEY_FILE, e);
        }
    }

    /** Loads the key from the data folder, creating it on first use. Expiry is checked against {@code realClock}. */
    static LocalTokens open(Path dataDir, Clock realClock) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new LocalTokens(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)), realClock);
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            DataFiles.privateFolder(dataDir);
            // whoever reads this key can sign tokens of any user and role
            DataFiles.writeSecretAtomically(file, key.toJSONString());
            return new LocalTokens(key, realClock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot use the key in " + file + " (delete it to get a new one)", e);
        }
    }

    /**
     * Issues a token like a Cognito ID token for one user in one group.
     *
     * @param municipalityOrNull the {@code custom:municipality} claim, for municipality users
     */
    String issue(String sub, String name, String group, String municipalityOrNull) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(sub)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(VALIDITY)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", sub)
                .claim("name", name)
                .claim("cognito:groups", List.of(group));
        if (municipalityOrNull != null) {
            claims.claim("custom:municipality", municipalityOrNull);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * Validates a bearer token as the HTTP API JWT authorizer does.
     *
     * @return the claims as API Gateway passes them to the function: every value a string, arrays as
     *         {@code [a b]}
     * @throws InvalidTokenException when the token is malformed, not signed by this server's key, from
     *         another issuer or audience, expired or not yet valid
     */
    Map<String, String> verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("the token is not signed with RS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("the token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature does not verify");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token is from another issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
            throw new InvalidTokenException("the token is for another audience");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            throw new InvalidTokenException("the token has expired");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        return flatten(claims.getClaims());
    }

    private static Map<String, String> flatten(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((name, value) -> out.put(name, flatten(value)));
        return out;
    }

    private static String flatten(Object value) {
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        if (value instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (Object item : list) {
                s.append(s.length() > 1 ? " " : "").append(item);
            }
            return s.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** A bearer token the authorizer refuses (API Gateway answers 401). */
    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
