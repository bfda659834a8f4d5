package nl.spuk.application.drafting;

import static nl.spuk.application.fakes.Scenario.COLLEAGUE;
import static nl.spuk.application.fakes.Scenario.GRONINGEN;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.T0;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.spuk.application.ConflictException;
import nl.spuk.application.ForbiddenException;
import nl.spuk.application.NotFoundException;
import nl.spuk.application.RequestId;
import nl.spuk.application.RuleViolationException;
import nl.spuk.application.VersionMismatchException;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.FieldError;
import nl.spuk.domain.MunicipalityCode;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Role;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.Transition;
import org.junit.jupiter.api.Test;

class DraftServiceTest {
    private final Scenario s = new Scenario();

    @Test
    void createsADraftOfTheCallersMunicipalityWithItsPrepareTaskAndStartsItsProcess() {
        Application draft = s.drafts.create(OFFICIAL, once(), plan());

        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        assertThat(draft.version()).isEqualTo(1);
        assertThat(draft.municipality()).isEqualTo(GRONINGEN);
        assertThat(draft.createdBy()).isEqualTo(OFFICIAL.id());
        assertThat(draft.createdAt()).isEqualTo(T0);
        assertThat(draft.submittedAt()).isNull();
        assertThat(s.stored(draft.id())).isEqualTo(draft);
        assertThat(s.applications.openTasks(draft.id())).extracting(Task::type).containsExactly(TaskType.PREPARE);
        List<AuditEvent> history = s.applications.history(draft.id());
        assertThat(history).extracting(AuditEvent::action).containsExactly("CREATED");
        assertThat(history.get(0).details()).containsEntry("title", plan().title());
        assertThat(history.get(0).toStatus()).isEqualTo(Status.DRAFT);
        assertThat(s.workflow.waits(draft.id())).containsExactly("PREPARE");
    }

    @Test
    void onlyMunicipalityUsersCreateDrafts() {
        for (Actor other : List.of(Scenario.ADVISOR, Scenario.PROPOSER)) {
            assertThatThrownBy(() -> s.drafts.create(other, once(), plan())).isInstanceOf(ForbiddenException.class);
        }
        assertThat(s.applications.list(new ApplicationQuery(Scenario.PROPOSER, null, null, null, 10, null)).items()).isEmpty();
        assertThat(s.workflow.startCalls()).isZero();
    }

    @Test
    void aUserOfAMunicipalityOutsideTheSchemeMayNotCreate() {
        Actor unknown = new Actor("official-x", "X", Role.MUNICIPALITY, new MunicipalityCode("GM9999"));

        assertThatThrownBy(() -> s.drafts.create(unknown, once(), plan())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anInvalidPlanIsRefusedNamingEveryFieldAndNothingIsStored() {
        Plan bad = new Plan(" ", List.of(2030, 2025, 2025), List.of(), null);

        assertThatThrownBy(() -> s.drafts.create(OFFICIAL, once(), bad))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("title", "years[0]", "years[2]"));
        assertThat(s.workflow.startCalls()).isZero();
    }

    @Test
    void aDraftMayLackActivitiesUntilItIsSubmitted() {
        Plan noActivities = new Plan("Nog in te vullen", List.of(2025), List.of(), null);

        assertThat(s.drafts.create(OFFICIAL, once(), noActivities).plan().activities()).isEmpty();
    }

    @Test
    void theRetryOfARepeatableCreateConvergesOnTheSameDraft() {
        RequestId request = RequestId.repeatable("create-1");

        Application first = s.drafts.create(OFFICIAL, request, plan());
        s.clock.advance(Duration.ofSeconds(5));
        Application retry = s.drafts.create(OFFICIAL, request, plan());

        assertThat(retry).isEqualTo(first);
        assertThat(s.applications.list(new ApplicationQuery(OFFICIAL, null, null, null, 10, null)).items()).hasSize(1);
        assertThat(s.applications.actions(first.id())).containsExactly("CREATED");
        assertThat(s.workflow.waits(first.id())).containsExactly("PREPARE");
    }

    @Test
    void anotherUserCannotTakeOverADraftByItsId() {
        RequestId request = RequestId.repeatable("create-1");
        s.drafts.create(OFFICIAL, request, plan());

        assertThatThrownBy(() -> s.drafts.create(COLLEAGUE, request, plan())).isInstanceOf(ConflictException.class);
    }

    @Test
    void requestsWithoutAKeyCreateADraftEach() {
        Application first = s.drafts.create(OFFICIAL, RequestId.once("r-1"), plan());
        Application second = s.drafts.create(OFFICIAL, RequestId.once("r-1"), plan());

        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void updateReplacesThePlanFromTheVersionTheCallerSaw() {
        Application draft = s.draft();
        Plan revised = plan("Herzien plan", Map.of(2025, 900_000L, 2026, 800_000L));
        s.clock.advance(Duration.ofMinutes(3));

        Application edited = s.drafts.update(COLLEAGUE, draft.id(), revised, 1);

        assertThat(edited.plan()).isEqualTo(revised);
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(s.stored(draft.id())).isEqualTo(edited);
        AuditEvent updated = s.applications.history(draft.id()).get(1);
        assertThat(updated.action()).isEqualTo("UPDATED");
        assertThat(updated.actorId()).isEqualTo(COLLEAGUE.id());
        assertThat(updated.details()).containsEntry("version", 2L);
    }

    @Test
    void anUpdateFromAnOlderVersionIsRefused() {
        Application draft = s.draft();
        s.drafts.update(OFFICIAL, draft.id(), plan("Eerste wijziging", Map.of(2025, 1L)), 1);

        assertThatThrownBy(() -> s.drafts.update(COLLEAGUE, draft.id(), plan("Tweede wijziging", Map.of(2025, 2L)), 1))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(s.stored(draft.id()).plan().title()).isEqualTo("Eerste wijziging");
    }

    @Test
    void anUpdateThatLosesARaceAfterItsCheckIsAVersionMismatchAndLeavesTheWinnersPlan() {
        Application draft = s.draft();
        s.applications.beforeNextApply(() -> s.drafts.update(COLLEAGUE, draft.id(), plan("Winnaar", Map.of(2025, 5L)), 1));

        assertThatThrownBy(() -> s.drafts.update(OFFICIAL, draft.id(), plan("Verliezer", Map.of(2025, 6L)), 1))
                .isInstanceOf(VersionMismatchException.class);
        assertThat(s.stored(draft.id()).plan().title()).isEqualTo("Winnaar");
        assertThat(s.stored(draft.id()).version()).isEqualTo(2);
    }

    @Test
    void anotherMunicipalitysDraftIsNotFoundAndOtherRolesMayNotEdit() {
        Application draft = s.draft();

        assertThatThrownBy(() -> s.drafts.update(UTRECHT_OFFICIAL, draft.id(), plan(), 1))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.drafts.update(OFFICIAL, "no-such-id", plan(), 1))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> s.drafts.update(Scenario.PROPOSER, draft.id(), plan(), 1))
                .isInstanceOf(ForbiddenException.class);
        assertThat(s.stored(draft.id())).isEqualTo(draft);
    }

    @Test
    void aPlanInReviewCannotBeEditedButOneBackForChangesCan() {
        Application inReview = s.inReview();
        assertThatThrownBy(() -> s.drafts.update(OFFICIAL, inReview.id(), plan(), inReview.version()))
                .isInstanceOf(Transition.NotAllowed.class).hasMessageContaining("IN_REVIEW");

        Application back = s.changesRequested();
        Application edited = s.drafts.update(OFFICIAL, back.id(), plan("Aangevuld", Map.of(2025, 999_000L)), back.version());
        assertThat(edited.status()).isEqualTo(Status.CHANGES_REQUESTED);
        assertThat(edited.plan().title()).isEqualTo("Aangevuld");
    }

    @Test
    void anInvalidEditIsRefusedNamingTheFields() {
        Application draft = s.draft();
        Plan bad = plan("Te veel", Map.of(2025, -1L));

        assertThatThrownBy(() -> s.drafts.update(OFFICIAL, draft.id(), bad, 1))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("activities[0].budgetCents.2025"));
        assertThat(s.stored(draft.id()).version()).isEqualTo(1);
    }
}
