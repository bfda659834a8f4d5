package nl.spuk.application;

import static nl.spuk.application.fakes.Scenario.ADVISOR;
import static nl.spuk.application.fakes.Scenario.APPROVER;
import static nl.spuk.application.fakes.Scenario.COLLEAGUE;
import static nl.spuk.application.fakes.Scenario.OFFICIAL;
import static nl.spuk.application.fakes.Scenario.PROPOSER;
import static nl.spuk.application.fakes.Scenario.UTRECHT;
import static nl.spuk.application.fakes.Scenario.UTRECHT_OFFICIAL;
import static nl.spuk.application.fakes.Scenario.once;
import static nl.spuk.application.fakes.Scenario.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.spuk.application.fakes.Scenario;
import nl.spuk.application.port.TaskQuery;
import nl.spuk.application.port.ApplicationQuery;
import nl.spuk.application.port.Page;
import nl.spuk.domain.Actor;
import nl.spuk.domain.Application;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.Test;

class ApplicationQueriesTest {
    private final Scenario s = new Scenario();
    private final ApplicationQueries queries = new ApplicationQueries(s.applications, s.clock);

    private List<String> ids(Actor actor, Status status, Integer year) {
        return queries.list(new ApplicationQuery(actor, status, null, year, 100, null)).items().stream()
                .map(Application::id).toList();
    }

    @Test
    void aDraftIsSeenByItsMunicipalityOnly() {
        Application draft = s.draft();

        assertThat(queries.get(COLLEAGUE, draft.id())).isEqualTo(draft);
        assertThatThrownBy(() -> queries.get(PROPOSER, draft.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queries.get(ADVISOR, draft.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queries.get(UTRECHT_OFFICIAL, draft.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queries.history(UTRECHT_OFFICIAL, draft.id(), 100, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void advisorsSeeAnApplicationFromItsSubmissionOnAlsoOnceWithdrawnButNeverADraftWithdrawnUnsubmitted() {
        Application submitted = s.inReview();
        s.lifecycle.withdraw(OFFICIAL, once(), submitted.id(), "weg");
        Application unsubmitted = s.draft();
        s.lifecycle.withdraw(OFFICIAL, once(), unsubmitted.id(), "weg");

        assertThat(queries.get(ADVISOR, submitted.id()).status()).isEqualTo(Status.WITHDRAWN);
        assertThatThrownBy(() -> queries.get(ADVISOR, unsubmitted.id())).isInstanceOf(NotFoundException.class);
        assertThat(ids(ADVISOR, null, null)).containsExactly(submitted.id());
        assertThat(ids(ADVISOR, Status.DRAFT, null)).isEmpty();
    }

    @Test
    void aMunicipalityListsOnlyItsOwnWhateverItAsksFor() {
        Application own = s.draft();
        Application utrecht = s.draft(UTRECHT_OFFICIAL, plan("Utrecht", Map.of(2025, 1L)));

        assertThat(ids(OFFICIAL, null, null)).containsExactly(own.id());
        assertThat(queries.list(new ApplicationQuery(OFFICIAL, null, UTRECHT.code(), null, 10, null)).items()).isEmpty();
        assertThat(ids(UTRECHT_OFFICIAL, null, null)).containsExactly(utrecht.id());
        assertThat(ids(PROPOSER, null, null)).as("drafts are their municipality's own").isEmpty();
    }

    @Test
    void theListFiltersByStatusAndYearNewestFirstInPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.clock.advance(Duration.ofMinutes(1));
            created.add(s.draft(OFFICIAL, plan("Plan " + i, Map.of(i % 2 == 0 ? 2025 : 2026, 1L))).id());
        }
        s.clock.advance(Duration.ofMinutes(1));
        Application inReview = s.inReview();

        assertThat(ids(OFFICIAL, Status.IN_REVIEW, null)).containsExactly(inReview.id());
        assertThat(ids(OFFICIAL, Status.DRAFT, 2026)).containsExactly(created.get(3), created.get(1));
        Page<Application> first = queries.list(new ApplicationQuery(OFFICIAL, Status.DRAFT, null, null, 2, null));
        Page<Application> second = queries.list(new ApplicationQuery(OFFICIAL, Status.DRAFT, null, null, 2, first.nextToken()));
        Page<Application> third = queries.list(new ApplicationQuery(OFFICIAL, Status.DRAFT, null, null, 2, second.nextToken()));
        assertThat(first.items()).extracting(Application::id).containsExactly(created.get(4), created.get(3));
        assertThat(second.items()).extracting(Application::id).containsExactly(created.get(2), created.get(1));
        assertThat(third.items()).extracting(Application::id).containsExactly(created.get(0));
        assertThat(third.nextToken()).isNull();
    }

    @Test
    void theHistoryIsOldestFirst() {
        Application inReview = s.inReview();

        assertThat(queries.history(OFFICIAL, inReview.id(), 100, null).items()).extracting(AuditEvent::action)
                .containsExactly("CREATED", "DOCUMENT_ANNOUNCED", "DOCUMENT_UPLOADED", "SUBMITTED");
    }

    @Test
    void everyoneSeesTheWorkOfTheirRoleAndMunicipalitiesOnlyTheirOwn() {
        Application draft = s.draft();
        s.draft(UTRECHT_OFFICIAL, plan("Utrecht", Map.of(2025, 1L)));
        Application inReview = s.inReview();
        Application advised = s.advised();

        assertThat(queries.tasks(TaskQuery.all(COLLEAGUE, 100, null)).items()).extracting(Task::applicationId).containsExactly(draft.id());
        assertThat(queries.tasks(TaskQuery.all(ADVISOR, 100, null)).items()).extracting(Task::applicationId).containsExactly(inReview.id());
        assertThat(queries.tasks(TaskQuery.all(PROPOSER, 100, null)).items()).extracting(Task::type, Task::applicationId)
                .containsExactly(tuple(TaskType.DECIDE, advised.id()));
    }

    @Test
    void tasksAreSearchedPagedAndMarkTheCallersOwnProposal() {
        Application mine = s.decisionProposed(OFFICIAL, plan("Respijt in de regio", Map.of(2025, 500_000L)),
                YearAmounts.of(Map.of(2025, 400_000L)));
        s.clock.advance(Duration.ofMinutes(1));
        Application other = s.decisionProposed(OFFICIAL, plan("Mantelzorgcafé", Map.of(2025, 500_000L)),
                YearAmounts.of(Map.of(2025, 400_000L)));
        TaskQuery approvals = new TaskQuery(PROPOSER, Set.of(TaskType.APPROVE_DECISION), null, false, 1, null);

        Page<Task> first = queries.tasks(approvals);
        assertThat(first.items()).extracting(Task::applicationId).containsExactly(mine.id());
        assertThat(first.items().get(0).awaitsSomeoneElse(PROPOSER)).isTrue();
        assertThat(first.items().get(0).awaitsSomeoneElse(APPROVER)).isFalse();
        Page<Task> second = queries.tasks(new TaskQuery(PROPOSER, Set.of(TaskType.APPROVE_DECISION), null, false, 1,
                first.nextToken()));
        assertThat(second.items()).extracting(Task::applicationId).containsExactly(other.id());
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> queries.tasks(new TaskQuery(APPROVER, Set.of(TaskType.APPROVE_DECISION), null, false, 1,
                first.nextToken()))).isInstanceOf(IllegalArgumentException.class);

        assertThat(queries.tasks(new TaskQuery(APPROVER, Set.of(), "MANTELZORGCAFE", true, 10, null)).items())
                .extracting(Task::applicationId).containsExactly(other.id());
        assertThat(queries.tasks(new TaskQuery(APPROVER, Set.of(TaskType.DECIDE), "mantelzorgcafé", true, 10, null)).items())
                .isEmpty();
    }

    @Test
    void applicationsAreSearchedAndOrdered() {
        Application first = s.inReview(OFFICIAL, plan("Respijt in de regio", Map.of(2025, 500_000L)));
        s.clock.advance(Duration.ofMinutes(1));
        Application second = s.inReview(OFFICIAL, plan("Respijt voor jongeren", Map.of(2025, 500_000L)));
        s.inReview(OFFICIAL, plan("Iets anders", Map.of(2025, 500_000L)));

        assertThat(queries.list(new ApplicationQuery(PROPOSER, null, null, null, 10, null, "RESPIJT", true)).items())
                .extracting(Application::id).containsExactly(first.id(), second.id());
        Page<Application> newest = queries.list(new ApplicationQuery(PROPOSER, null, null, null, 1, null, "respijt", false));
        assertThat(newest.items()).extracting(Application::id).containsExactly(second.id());
        assertThatThrownBy(() -> queries.list(new ApplicationQuery(ADVISOR, null, null, null, 1, newest.nextToken(),
                "respijt", false))).isInstanceOf(IllegalArgumentException.class);
        assertThat(queries.list(new ApplicationQuery(PROPOSER, null, null, null, 1, newest.nextToken(), "respijt", false))
                .items()).extracting(Application::id).containsExactly(first.id());
    }
}
