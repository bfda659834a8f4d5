package nl.spuk.domain;

/** What the advisory team concludes about a plan. */
public enum AdviceOutcome {
    POSITIVE, CHANGES_REQUESTED, NEGATIVE
}
