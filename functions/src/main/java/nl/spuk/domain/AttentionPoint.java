package nl.spuk.domain;

/** The four attention points every activity serves. */
public enum AttentionPoint {
    VINDEN, VERSTERKEN, VERLICHTEN, VERBINDEN
}
