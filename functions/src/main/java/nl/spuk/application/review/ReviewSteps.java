package nl.spuk.application.review;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.StepContext;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.application.port.ApplicationRepository;
import nl.spuk.application.review.AdviceRequest;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;

/** The review steps of the process: the advisor's advice, and the escalation of a review that takes too long. */
public final class ReviewSteps {
    private final ApplicationRepository applications;
    private final Clock clock;

    public ReviewSteps(ApplicationRepository applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    public void recordAdvice(StepContext step) {
        Application app = step.load(applications);
        AdviceRequest given = step.request(AdviceRequest.class);
        AdviceOutcome outcome = given.outcome();
        Status target = outcome == AdviceOutcome.CHANGES_REQUESTED ? Status.CHANGES_REQUESTED : Status.ADVISED;
        if (app.status() == target) {
            return;
        }
        Transition.ADVISE.require(app.status());
        var now = clock.instant();
        Advice advice = new Advice(outcome, given.summary(), given.documentId(),
                step.actor().id(), step.actor().name(), now);
        Application advised = app.advised(advice, target, now);
        Task next = outcome == AdviceOutcome.CHANGES_REQUESTED
                ? Task.open(TaskType.REVISE, advised, now, null)
                : Task.open(TaskType.DECIDE, advised, now, null);
        Map<String, String> details = new HashMap<>(Map.of("outcome", outcome.name(), "summary", advice.summary()));
        if (advice.documentId() != null) {
            details.put("documentId", advice.documentId());
        }
        step.apply(applications, new ApplicationChange(step.changeId(), app, advised,
                AuditEvent.of(step.actor(), now, "ADVICE_GIVEN", app.status(), target, details),
                List.of(next), List.of(Task.idOf(app.id(), TaskType.REVIEW)))
                .notifying(outcome == AdviceOutcome.CHANGES_REQUESTED ? NotificationType.CHANGES_REQUESTED
                        : NotificationType.ADVICE_GIVEN, Map.of("outcome", outcome.name())));
    }

    /** The review's last day, as the application holds it now: what the escalation timer waits for (the day after). */
    public LocalDate reviewDueDate(StepContext step) {
        return step.load(applications).reviewDueDate();
    }

    public void escalate(StepContext step) {
        Application app = step.load(applications);
        boolean alreadyEscalated = app.reviewEscalatedAt() != null && app.reviewEscalatedAt().equals(app.updatedAt());
        if (app.status() != Status.IN_REVIEW || alreadyEscalated) {
            return;
        }
        var now = clock.instant();
        step.apply(applications, new ApplicationChange(step.changeId(), app, app.escalated(now),
                AuditEvent.of(step.actor(), now, "REVIEW_ESCALATED", null, null,
                        Map.of("openSince", app.updatedAt(), "deadline", app.reviewDueDate().toString())),
                List.of(), List.of())
                .notifying(NotificationType.REVIEW_OVERDUE, Map.of("deadline", app.reviewDueDate().toString())));
    }
}
