package nl.spuk.application.review;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.OTHER_ADVISOR;
import static nl.spuk.application.fakes.Scenario.PDF;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.once;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.DocumentKind;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class ReviewServiceTest {
    private final Scenario s = new Scenario();

    @Test
    void positiveAdviceSendsThePlanToTheMinistryForADecision() {
        Application inReview = s.inReview();
        s.clock.advance(Duration.ofDays(3));

        Application advised = s.reviews.advise(ADVISOR, once(), inReview.id(), "POSITIVE", "Een goed plan", null);

        assertThat(advised.status()).isEqualTo(Status.ADVISED);
        assertThat(advised.advice().outcome()).isEqualTo(AdviceOutcome.POSITIVE);
        assertThat(advised.advice().advisorId()).isEqualTo(ADVISOR.id());
        assertThat(advised.advice().at()).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(s.stored(inReview.id())).isEqualTo(advised);
        assertThat(s.applications.openTasks(inReview.id())).extracting(Task::type).containsExactly(TaskType.DECIDE);
        assertThat(s.workflow.waits(inReview.id())).containsExactly("DECIDE");
    }

    @Test
    void negativeAdviceAlsoGoesToTheMinistry() {
        Application inReview = s.inReview();

        Application advised = s.reviews.advise(ADVISOR, once(), inReview.id(), "NEGATIVE", "Onvoldoende onderbouwd", null);

        assertThat(advised.status()).isEqualTo(Status.ADVISED);
        assertThat(s.workflow.waits(inReview.id())).containsExactly("DECIDE");
    }

    @Test
    void requestedChangesSendThePlanBackToTheMunicipality() {
        Application inReview = s.inReview();

        Application back = s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "Graag aanvullen", null);

        assertThat(back.status()).isEqualTo(Status.CHANGES_REQUESTED);
        assertThat(s.applications.openTasks(inReview.id())).extracting(Task::type).containsExactly(TaskType.REVISE);
        assertThat(s.workflow.waits(inReview.id())).containsExactly("REVISE");
        AuditEvent event = s.applications.history(inReview.id()).get(s.applications.history(inReview.id()).size() - 1);
        assertThat(event.details()).containsEntry("outcome", "CHANGES_REQUESTED").containsEntry("summary", "Graag aanvullen");
    }

    @Test
    void onlyAdvisorsAdviseAndADraftIsNotTheirsToSee() {
        Application inReview = s.inReview();
        Application draft = s.draft();

        assertThatThrownBy(() -> s.reviews.advise(OFFICIAL, once(), inReview.id(), "POSITIVE", "ok", null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.reviews.advise(PROPOSER, once(), inReview.id(), "POSITIVE", "ok", null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), draft.id(), "POSITIVE", "ok", null))
                .isInstanceOf(NotFoundException.class);
        assertThat(s.stored(inReview.id())).isEqualTo(inReview);
    }

    @Test
    void adviceIsGivenOnlyWhileInReview() {
        Application advised = s.advised();

        assertThatThrownBy(() -> s.reviews.advise(OTHER_ADVISOR, once(), advised.id(), "POSITIVE", "nogmaals", null))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("ADVISED");
        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), advised.id(), "NEGATIVE", "toch niet", null))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.stored(advised.id())).isEqualTo(advised);
    }

    @Test
    void badAdviceIsRefusedNamingEveryField() {
        Application inReview = s.inReview();

        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), inReview.id(), "MAYBE", " ", "no-such-document"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("outcome", "summary", "documentId"));
        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), inReview.id(), "POSITIVE", "x".repeat(5001), null))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("summary", "must be at most 5000 characters")));
        assertThat(s.stored(inReview.id())).isEqualTo(inReview);
    }

    @Test
    void writtenAdviceMustBeAnUploadedAdviceDocumentOfThisApplication() {
        Application inReview = s.inReview();
        String planDocument = s.documents.list(inReview.id()).get(0).documentId();
        String advice = s.upload(ADVISOR, inReview.id(), DocumentKind.ADVICE, "advies.pdf", PDF);

        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), inReview.id(), "POSITIVE", "zie bijlage", planDocument))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("documentId"));

        Application advised = s.reviews.advise(ADVISOR, once(), inReview.id(), "POSITIVE", "zie bijlage", advice);
        assertThat(advised.advice().documentId()).isEqualTo(advice);
        assertThat(s.applications.history(inReview.id()).get(s.applications.history(inReview.id()).size() - 1).details())
                .containsEntry("documentId", advice);
    }

    @Test
    void theRetryOfAdviceWhoseAnswerWasLostSucceedsOnce() {
        Application inReview = s.inReview();
        RequestId request = RequestId.repeatable("advice-1");
        Application first = s.reviews.advise(ADVISOR, request, inReview.id(), "POSITIVE", "goed", null);

        Application retry = s.reviews.advise(ADVISOR, request, inReview.id(), "POSITIVE", "goed", null);

        assertThat(retry).isEqualTo(first);
        assertThat(s.applications.count(inReview.id(), "ADVICE_GIVEN")).isEqualTo(1);
    }

    @Test
    void theSameAdviceSentAgainAsANewRequestIsRefused() {
        Application inReview = s.inReview();
        s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "aanvullen", null);

        assertThatThrownBy(() -> s.reviews.advise(ADVISOR, once(), inReview.id(), "CHANGES_REQUESTED", "aanvullen", null))
                .isInstanceOf(Transition.NotAllowed.class);
        assertThat(s.applications.count(inReview.id(), "ADVICE_GIVEN")).isEqualTo(1);
    }

    @Test
    void adviceIsStillGivenOnceTheFreeHoursAreUsedUp() {
        Application inReview = s.inReview();
        for (int i = 0; i < 3; i++) {
            s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal("8"), "RESPIJTZORG", "2025-03-01", null);
        }
        s.advisory.log(ADVISOR, once(), inReview.id(), new BigDecimal("1"), "RESPIJTZORG", "2025-03-01", null);
        assertThat(s.ledger.balance(inReview.municipalityCode(), 100).isAtCap()).isTrue();

        assertThat(s.reviews.advise(ADVISOR, once(), inReview.id(), "POSITIVE", "goed", null).status())
                .isEqualTo(Status.ADVISED);
    }
}
