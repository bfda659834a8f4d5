package nl.spuk.domain;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of user; the identity provider's group names are the lower-case names. */
public enum Role {
    MUNICIPALITY, ADVISOR, MINISTRY;

    public String groupName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromGroupName(String group) {
        for (Role r : values()) {
            if (r.groupName().equals(group)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
