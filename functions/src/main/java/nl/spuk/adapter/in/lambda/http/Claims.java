package nl.spuk.adapter.in.lambda.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;

/**
 * Turns the JWT claims that the HTTP API authorizer passes on into an actor. API Gateway flattens every claim to a
 * string: {@code cognito:groups} arrives as {@code [municipality]}.
 */
public final class Claims {
    public static final String GROUPS = "cognito:groups";
    public static final String MUNICIPALITY = "custom:municipality";

    private Claims() {
    }

    public static Actor toActor(Map<String, String> claims) {
        if (claims == null || claims.get("sub") == null || claims.get("sub").isBlank()) {
            throw new ApiException(401, "a valid bearer token is required", List.of());
        }
        List<Role> roles = new ArrayList<>();
        for (String group : groups(claims.get(GROUPS))) {
            Role.fromGroupName(group).ifPresent(roles::add);
        }
        if (roles.size() != 1) {
            throw new nl.spuk.application.ForbiddenException("the token must carry exactly one of the groups municipality, advisor, ministry");
        }
        Role role = roles.get(0);
        MunicipalityCode municipality = null;
        if (role == Role.MUNICIPALITY) {
            String code = claims.get(MUNICIPALITY);
            if (!MunicipalityCode.isWellFormed(code)) {
                throw new nl.spuk.application.ForbiddenException("the token carries no valid municipality");
            }
            municipality = new MunicipalityCode(code);
        }
        return new Actor(claims.get("sub"), claims.get("name"), role, municipality);
    }

    static List<String> groups(String raw) {
        if (raw == null) {
            return List.of();
        }
        String s = raw.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split("[\\s,]+")) {
            String g = part.replace("\"", "").strip();
            if (!g.isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }
}
