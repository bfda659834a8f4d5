package nl.spuk.adapter.in.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import nl.spuk.application.ForbiddenException;
import nl.spuk.domain.Actor;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Claims as API Gateway's JWT authorizer passes them on: every value a string, an array as {@code [a b]}. */
class ClaimsTest {

    @ParameterizedTest
    @ValueSource(strings = {"[ministry]", "ministry"})
    void readsOneKnownGroupAsAOneItemArrayOrAPlainString(String groups) {
        Actor actor = Claims.toActor(idToken("u-1", groups));

        assertThat(actor.role()).isEqualTo(Role.MINISTRY);
        assertThat(actor.id()).isEqualTo("u-1");
    }

    @Test
    void readsAMunicipalityUsersMunicipality() {
        Map<String, String> claims = idToken("u-2", "[municipality]");
        claims.put(Claims.MUNICIPALITY, "GM0014");

        Actor actor = Claims.toActor(claims);

        assertThat(actor.role()).isEqualTo(Role.MUNICIPALITY);
        assertThat(actor.municipality()).isEqualTo(new MunicipalityCode("GM0014"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "[]", "x,ministry", "ministry,x", "\"ministry\"", "[\"ministry\"]", "[ministry,advisor]",
            "[ministry advisor]", "[ministry ministry]", "[ministry readers]", "[readers]", "readers", "Ministry",
            "[MINISTRY]", "[ ministry]", "[ministry] ", " ministry", "ministry\n", "[ministry", "ministry]", "[[ministry]]"})
    void refusesEveryOtherFormWithForbidden(String groups) {
        assertThatThrownBy(() -> Claims.toActor(idToken("u-3", groups))).isInstanceOf(ForbiddenException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"access", "ID", "", "id "})
    void refusesAnythingButAnIdTokenAsUnauthenticated(String tokenUse) {
        Map<String, String> claims = idToken("u-4", "[ministry]");
        claims.put(Claims.TOKEN_USE, tokenUse);

        assertThatThrownBy(() -> Claims.toActor(claims))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    private static Map<String, String> idToken(String sub, String groups) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", sub);
        claims.put(Claims.TOKEN_USE, "id");
        claims.put(Claims.GROUPS, groups);
        return claims;
    }
}
