package nl.spuk.adapter.in.lambda.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.spuk.application.ForbiddenException;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;

/**
 * Turns the JWT claims that the HTTP API authorizer passes on into an actor. API Gateway flattens every claim to a
 * string: a JSON array such as {@code cognito:groups} arrives as {@code [municipality]} (several items separated by
 * spaces), a plain string as it is.
 */
public final class Claims {
    public static final String GROUPS = "cognito:groups";
    public static final String MUNICIPALITY = "custom:municipality";
    public static final String TOKEN_USE = "token_use";
    /**
     * The authorizer checks signature, issuer and audience, not the kind of token: only an ID token carries the
     * attributes read here as an administrator set them.
     */
    private static final String ID_TOKEN = "id";

    /** One group, as a one-item array flattened ({@code [ministry]}) or as a plain string ({@code ministry}). */
    private static final Pattern ONE_GROUP = Pattern.compile("\\[([a-z]+)]|([a-z]+)");

    private Claims() {
    }

    public static Actor toActor(Map<String, String> claims) {
        if (claims == null || claims.get("sub") == null || claims.get("sub").isBlank()
                || !ID_TOKEN.equals(claims.get(TOKEN_USE))) {
            throw new ApiException(401, "a valid bearer token is required", List.of());
        }
        Role role = role(claims.get(GROUPS)).orElseThrow(() ->
                new ForbiddenException("the token must carry exactly one of the groups municipality, advisor, ministry"));
        MunicipalityCode municipality = null;
        if (role == Role.MUNICIPALITY) {
            String code = claims.get(MUNICIPALITY);
            if (!MunicipalityCode.isWellFormed(code)) {
                throw new ForbiddenException("the token carries no valid municipality");
            }
            municipality = new MunicipalityCode(code);
        }
        return new Actor(claims.get("sub"), claims.get("name"), role, municipality);
    }

    /** The role of a groups claim that names exactly one known group and nothing else; empty otherwise. */
    static Optional<Role> role(String groups) {
        if (groups == null) {
            return Optional.empty();
        }
        Matcher m = ONE_GROUP.matcher(groups);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Role.fromGroupName(m.group(1) != null ? m.group(1) : m.group(2));
    }
}
