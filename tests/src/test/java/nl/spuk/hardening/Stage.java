package nl.spuk.hardening;

import nl.spuk.domain.Status;

/**
 * Where an application stands, as the hardening tests prepare it: every status of the lifecycle the routes act on,
 * plus the two points inside REPORTING that the settlement routes need and a draft withdrawn before it was ever
 * submitted (which only its municipality may see).
 */
enum Stage {
    DRAFT(Status.DRAFT),
    WITHDRAWN_UNSUBMITTED(Status.WITHDRAWN),
    IN_REVIEW(Status.IN_REVIEW),
    WITHDRAWN(Status.WITHDRAWN),
    CHANGES_REQUESTED(Status.CHANGES_REQUESTED),
    ADVISED(Status.ADVISED),
    DECISION_PROPOSED(Status.DECISION_PROPOSED),
    AWARDED(Status.AWARDED),
    /** The report on the awarded year is submitted, awaiting review. */
    REPORTING(Status.REPORTING),
    /** Every report accepted: the ministry may propose the settlement. */
    REPORTS_ACCEPTED(Status.REPORTING),
    /** A settlement proposed, awaiting a second ministry user. */
    SETTLEMENT_PROPOSED(Status.REPORTING),
    SETTLED(Status.SETTLED);

    private final Status status;

    Stage(Status status) {
        this.status = status;
    }

    Status status() {
        return status;
    }

    /** Submitted at least once: from then on advisors and the ministry see the application. */
    boolean hasBeenSubmitted() {
        return this != DRAFT && this != WITHDRAWN_UNSUBMITTED;
    }

    /** Whether a report on the awarded year exists. */
    boolean hasReport() {
        return ordinal() >= REPORTING.ordinal();
    }
}
