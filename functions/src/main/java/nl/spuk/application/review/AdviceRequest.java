package nl.spuk.application.review;

import nl.spuk.domain.AdviceOutcome;

/** The advice an advisor gives, as the review step records it. */
public record AdviceRequest(AdviceOutcome outcome, String summary, String documentId) {
}
