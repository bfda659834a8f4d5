package nl.spuk.domain;

/** A yearly report is submitted, then accepted or rejected (after which the municipality submits it again). */
public enum ReportStatus {
    SUBMITTED, ACCEPTED, REJECTED
}
