package nl.spuk.domain;

/** The three themes the advisory team helps with. */
public enum AdvisoryTheme {
    VINDEN_MANTELZORGERS, RESPIJTZORG, LOKALE_SAMENWERKING
}
