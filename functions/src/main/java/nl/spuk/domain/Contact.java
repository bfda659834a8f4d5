package nl.spuk.domain;

/** Who at the municipality answers questions about the plan. */
public record Contact(String name, String email) {
}
