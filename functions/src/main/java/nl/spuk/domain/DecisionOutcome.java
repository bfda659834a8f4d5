package nl.spuk.domain;

/** The ministry's decision on an application. */
public enum DecisionOutcome {
    AWARD, REJECT
}
