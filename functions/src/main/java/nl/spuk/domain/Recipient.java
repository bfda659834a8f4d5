package nl.spuk.domain;

/**
 * Who a notification goes to: a municipality (its officials in the app, the application's contact by e-mail), the
 * advisory team or the ministry (every user of that role in the app, the team's configured address by e-mail).
 */
public enum Recipient {
    MUNICIPALITY(Role.MUNICIPALITY),
    ADVISORY_TEAM(Role.ADVISOR),
    MINISTRY(Role.MINISTRY);

    private final Role role;

    Recipient(Role role) {
        this.role = role;
    }

    /** The role whose users see this recipient's notifications in the app. */
    public Role role() {
        return role;
    }

    /** The recipient whose notifications users of this role see. */
    public static Recipient of(Role role) {
        for (Recipient r : values()) {
            if (r.role == role) {
                return r;
            }
        }
        throw new IllegalArgumentException("no recipient for " + role);
    }
}
