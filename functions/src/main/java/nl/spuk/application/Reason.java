package nl.spuk.application;

/** What a command that withdraws, returns or rejects asks: that, for this reason. */
public record Reason(String text) {
    /** The longest reason a person may give, in characters. */
    public static final int MAX_LENGTH = 2000;
}
