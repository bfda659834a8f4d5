package nl.spuk.domain;

import java.util.function.Predicate;

/**
 * What may be done to an application in which status: the one place these guards are written. A use case asks
 * before it moves the process, for a clear answer at once; the process step asks again inside the engine's
 * transaction, where it holds under races.
 */
public enum Transition {
    EDIT(Status::isEditable, "an application in status %s cannot be edited"),
    SUBMIT(Status::isEditable, "an application in status %s cannot be submitted"),
    WITHDRAW(Status::isWithdrawable, "an application in status %s can no longer be withdrawn"),
    ADD_DOCUMENT(s -> !s.isFinal(), "an application in status %s takes no more documents"),
    LOG_HOURS(s -> s == Status.IN_REVIEW, "advisory hours can be logged only while the application is in review"),
    ADVISE(s -> s == Status.IN_REVIEW, "advice can be given while the application is in review, not in %s"),
    PROPOSE_DECISION(s -> s == Status.ADVISED, "a decision can be proposed once the application is advised, not in %s"),
    DECIDE_ON_PROPOSAL(s -> s == Status.DECISION_PROPOSED, "there is no proposed decision to act on; the application is %s"),
    REPORT(s -> s == Status.AWARDED || s == Status.REPORTING, "reports are due once the application is awarded; it is %s");

    private final Predicate<Status> allowedFrom;
    private final String refusal;

    Transition(Predicate<Status> allowedFrom, String refusal) {
        this.allowedFrom = allowedFrom;
        this.refusal = refusal;
    }

    public boolean allows(Status status) {
        return allowedFrom.test(status);
    }

    /** @throws NotAllowed when this may not be done in the status */
    public void require(Status status) {
        if (!allows(status)) {
            throw refused(status);
        }
    }

    /** The refusal in the status, for a caller that decided already that it is refused. */
    public NotAllowed refused(Status status) {
        return new NotAllowed(refusal.formatted(status));
    }

    /** The application's status does not allow what was asked (an answer of 409). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }
}
