package nl.spuk.hardening;

import nl.spuk.domain.Role;

/**
 * Who sends a request in the authorization matrix: the four kinds of signed-in user that matter for an application
 * of one municipality, and four kinds of bad token.
 */
enum Caller {
    /** A user of the municipality that owns the application. */
    OWNER(Role.MUNICIPALITY),
    /** A user of another municipality. */
    OTHER_MUNICIPALITY(Role.MUNICIPALITY),
    ADVISOR(Role.ADVISOR),
    MINISTRY(Role.MINISTRY),
    NO_TOKEN(null),
    /** Signed with the server's key, past its expiry. */
    EXPIRED_TOKEN(null),
    /** Right claims, signed with another key that claims the server key's id. */
    OTHER_KEY_TOKEN(null),
    /** A genuine municipality token edited to claim the ministry group. */
    FORGED_GROUP_TOKEN(null);

    private final Role role;

    Caller(Role role) {
        this.role = role;
    }

    /** The role of a signed-in caller; null for a bad or missing token. */
    Role role() {
        return role;
    }

    boolean signedIn() {
        return role != null;
    }
}
