package nl.spuk.domain;

import java.util.Objects;

/** Who signs a letter on behalf of the minister (namens deze): the official who approved it, and their role. */
public record Signatory(String name, String role) {
    public Signatory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The approving ministry official of a decision or settlement; users carry no job title, so the role is the scheme's. */
    public static Signatory approver(String name) {
        return new Signatory(name, SchemeRules.APPROVER_ROLE);
    }
}
