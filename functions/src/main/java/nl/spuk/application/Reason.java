package nl.spuk.application;

/** What a command that withdraws, returns or rejects asks: that, for this reason. */
public record Reason(String text) {
}
