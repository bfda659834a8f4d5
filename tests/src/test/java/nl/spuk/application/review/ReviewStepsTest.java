package nl.spuk.application.review;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.command;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import nl.spuk.domain.Recipient;
import nl.spuk.domain.NotificationType;
import nl.spuk.domain.Notification;
import java.time.LocalDate;
import java.time.Instant;
import java.util.Map;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.fakes.StepsWorkflow;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class ReviewStepsTest {
    private final Scenario s = new Scenario();

    private static StepContext advice(Application app, AdviceOutcome outcome, String changeId) {
        return StepContext.of(command(app, ADVISOR, new AdviceRequest(outcome, "samenvatting", null)), changeId, null);
    }

    private StepContext timer(Application app, String changeId) {
        return StepContext.ofTimer(app.id(), changeId, null);
    }

    @Test
    void recordAdviceStoresTheAdviceAndOpensTheDecision() {
        Application inReview = s.inReview();

        s.reviewSteps.recordAdvice(advice(inReview, AdviceOutcome.NEGATIVE, "c-1/RecordAdvice"));

        Application stored = s.stored(inReview.id());
        assertThat(stored.status()).isEqualTo(Status.ADVISED);
        assertThat(stored.advice().outcome()).isEqualTo(AdviceOutcome.NEGATIVE);
        assertThat(stored.advice().summary()).isEqualTo("samenvatting");
        assertThat(s.applications.openTasks(inReview.id())).extracting(Task::type).containsExactly(TaskType.DECIDE);
    }

    @Test
    void aReRunWithTheSameChangeIdConverges() {
        Application inReview = s.inReview();
        StepContext step = advice(inReview, AdviceOutcome.CHANGES_REQUESTED, "c-1/RecordAdvice");
        s.reviewSteps.recordAdvice(step);
        Application after = s.stored(inReview.id());

        s.reviewSteps.recordAdvice(step);
        s.reviewSteps.recordAdvice(advice(inReview, AdviceOutcome.CHANGES_REQUESTED, "c-1/RecordAdvice"));

        assertThat(s.stored(inReview.id())).isEqualTo(after);
        assertThat(s.applications.count(inReview.id(), "ADVICE_GIVEN")).isEqualTo(1);
    }

    @Test
    void theStepRefusesAnApplicationNotInReview() {
        Application back = s.changesRequested();

        assertThatThrownBy(() -> s.reviewSteps.recordAdvice(advice(back, AdviceOutcome.POSITIVE, "c-2/RecordAdvice")))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("CHANGES_REQUESTED");
        assertThat(s.stored(back.id())).isEqualTo(back);
    }

    @Test
    void adviceOnACopyMadeStaleByAWithdrawalStoresNothing() {
        Application inReview = s.inReview();
        s.lifecycle.withdraw(OFFICIAL, once(), inReview.id(), "weg");

        assertThatThrownBy(() -> s.reviewSteps.recordAdvice(advice(inReview, AdviceOutcome.POSITIVE, "c-3/RecordAdvice")))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(s.stored(inReview.id()).status()).isEqualTo(Status.WITHDRAWN);
        assertThat(s.stored(inReview.id()).advice()).isNull();
    }

    @Test
    void anOverlongReviewIsEscalatedOnce() {
        Application inReview = s.inReview();
        s.clock.advance(Duration.ofDays(42));

        s.reviewSteps.escalate(timer(inReview, "job:1/EscalateReview"));
        s.reviewSteps.escalate(timer(s.stored(inReview.id()), "job:1/EscalateReview"));

        Application stored = s.stored(inReview.id());
        assertThat(stored.reviewEscalatedAt()).isEqualTo(T0.plus(Duration.ofDays(42)));
        assertThat(stored.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(s.applications.count(inReview.id(), "REVIEW_ESCALATED")).isEqualTo(1);
        AuditEvent escalated = s.applications.history(inReview.id()).get(s.applications.history(inReview.id()).size() - 1);
        assertThat(escalated.details()).containsEntry("openSince", T0.toString()).containsEntry("deadline", "2025-04-14");
        assertThat(escalated.actorId()).isEqualTo(StepsWorkflow.SYSTEM.id());
        assertThat(escalated.actorName()).isEqualTo("workflow");
        assertThat(escalated.role()).as("the workflow acts in no role").isNull();
    }

    @Test
    void aReviewThatEndedIsNotEscalated() {
        Application advised = s.advised();

        s.reviewSteps.escalate(timer(advised, "job:1/EscalateReview"));

        assertThat(s.stored(advised.id())).isEqualTo(advised);
    }

    @Test
    void theProcessEscalatesAReviewOnTheDayAfterItsDueDateAndNoSooner() {
        Application inReview = s.inReview();
        assertThat(s.stored(inReview.id()).reviewDueDate()).isEqualTo(LocalDate.of(2025, 4, 14)); // 3 March + 42 days
        s.clock.set(Instant.parse("2025-04-14T21:59:00Z"));
        assertThat(s.workflow.runDueJobs()).isZero();

        s.clock.advance(Duration.ofMinutes(1)); // 15 April, 00:00 in Amsterdam
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);

        assertThat(s.stored(inReview.id()).reviewEscalatedAt()).isEqualTo(Instant.parse("2025-04-14T22:00:00Z"));
        assertThat(s.applications.notifications(inReview.id())).filteredOn(n -> n.type() == NotificationType.REVIEW_OVERDUE)
                .extracting(Notification::recipient).containsExactlyInAnyOrder(Recipient.ADVISORY_TEAM, Recipient.MINISTRY);
        assertThat(s.workflow.waits(inReview.id())).containsExactly("REVIEW"); // the review goes on
    }

    @Test
    void theDaysWithTheMunicipalityDoNotCountAndTheEscalationFollowsTheMovedDate() {
        Application inReview = s.inReview(); // 3 March: due 14 April
        s.clock.advance(Duration.ofDays(10));
        s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "aanvullen", null);
        assertThat(s.workflow.timers(inReview.id())).isEmpty();
        s.clock.advance(Duration.ofDays(7));
        s.drafts.update(OFFICIAL, inReview.id(), plan("Aangevuld", Map.of(2025, 900_000L)), s.stored(inReview.id()).version());
        s.lifecycle.submit(OFFICIAL, once(), inReview.id());

        assertThat(s.stored(inReview.id()).reviewDueDate()).isEqualTo(LocalDate.of(2025, 4, 21));
        assertThat(s.workflow.timers(inReview.id())).containsExactly("EscalateReview@2025-04-21T22:00:00Z");
        s.clock.set(Instant.parse("2025-04-15T08:00:00Z"));
        assertThat(s.workflow.runDueJobs()).as("the first due date no longer counts").isZero();
        s.clock.set(Instant.parse("2025-04-21T22:00:00Z"));
        assertThat(s.workflow.runDueJobs()).isEqualTo(1);
        assertThat(s.applications.notifications(inReview.id())).filteredOn(n -> n.type() == NotificationType.REVIEW_OVERDUE)
                .hasSize(2).allSatisfy(n -> assertThat(n.details()).containsEntry("deadline", "2025-04-21"));
    }

    @Test
    void aRevisedPlanInASecondReviewIsEscalatedAgain() {
        Application inReview = s.inReview();
        s.clock.advance(Duration.ofDays(43));
        s.workflow.runDueJobs();
        s.clock.advance(Duration.ofDays(1));
        s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "aanvullen", null);
        s.clock.advance(Duration.ofDays(1));
        s.drafts.update(OFFICIAL, inReview.id(), plan("Aangevuld", Map.of(2025, 900_000L)), s.stored(inReview.id()).version());
        s.lifecycle.submit(OFFICIAL, once(), inReview.id());
        s.clock.advance(Duration.ofDays(42));

        s.workflow.runDueJobs();

        assertThat(s.applications.count(inReview.id(), "REVIEW_ESCALATED")).isEqualTo(2);
    }
}
