package nl.spuk.domain;

import java.util.Objects;

/** The authenticated user behind a request. A municipality user always carries their municipality. */
public record Actor(String id, String name, Role role, MunicipalityCode municipality) {
    /**
     * The actor of the steps that timers trigger: the workflow itself, no person. It carries the ministry's role only
     * for the rules a step checks; its history entries have no role ({@code AuditEvent.of}).
     */
    public static final Actor WORKFLOW = new Actor("system", "workflow", Role.MINISTRY, null);

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (role == Role.MUNICIPALITY && municipality == null) {
            throw new IllegalArgumentException("a municipality user needs a municipality");
        }
        if (role != Role.MUNICIPALITY) {
            municipality = null;
        }
        name = name == null || name.isBlank() ? id : name;
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** True for a municipality user of exactly that municipality. */
    public boolean belongsTo(MunicipalityCode code) {
        return role == Role.MUNICIPALITY && municipality.equals(code);
    }
}
