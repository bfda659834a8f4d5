package nl.spuk.domain;

/** The kinds of open work, each for one role. */
public enum TaskType {
    PREPARE(Role.MUNICIPALITY),
    REVISE(Role.MUNICIPALITY),
    REVIEW(Role.ADVISOR),
    DECIDE(Role.MINISTRY),
    APPROVE_DECISION(Role.MINISTRY),
    REPORT(Role.MUNICIPALITY),
    REVIEW_REPORT(Role.MINISTRY),
    CHASE_OVERDUE_REPORT(Role.MINISTRY),
    SETTLE(Role.MINISTRY),
    APPROVE_SETTLEMENT(Role.MINISTRY);

    private final Role role;

    TaskType(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
