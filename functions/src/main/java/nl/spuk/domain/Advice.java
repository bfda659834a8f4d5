package nl.spuk.domain;

import java.time.Instant;

/** The advisory team's latest advice on a plan; {@code documentId} names an optional written advice. */
public record Advice(AdviceOutcome outcome, String summary, String documentId, String advisorId, String advisorName,
                     Instant at) {
}
