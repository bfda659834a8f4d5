package nl.spuk.adapter.dynamodb;

import static nl.spuk.adapter.dynamodb.Fixtures.ADVISOR;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE;
import static nl.spuk.adapter.dynamodb.Fixtures.ALMERE_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN;
import static nl.spuk.adapter.dynamodb.Fixtures.GRONINGEN_USER;
import static nl.spuk.adapter.dynamodb.Fixtures.MINISTRY;
import static nl.spuk.adapter.dynamodb.Fixtures.T0;
import static nl.spuk.adapter.dynamodb.Fixtures.draft;
import static nl.spuk.adapter.dynamodb.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.dynamodb.DynamoDbApplicationRepository;
import nl.spuk.application.ConcurrentChangeException;
import nl.spuk.application.port.ApplicationChange;
import nl.spuk.domain.Activity;
import nl.spuk.domain.Advice;
import nl.spuk.domain.AdviceOutcome;
import nl.spuk.domain.Application;
import nl.spuk.domain.AttentionPoint;
import nl.spuk.domain.AuditEvent;
import nl.spuk.domain.Contact;
import nl.spuk.domain.Decision;
import nl.spuk.domain.DecisionOutcome;
import nl.spuk.domain.Plan;
import nl.spuk.domain.Role;
import nl.spuk.domain.Settlement;
import nl.spuk.domain.Status;
import nl.spuk.domain.Task;
import nl.spuk.domain.TaskType;
import nl.spuk.domain.YearAmounts;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

/** Applications, their history and tasks in DynamoDB Local: round trips, conditional changes, repeats. */
public class DynamoDbApplicationRepositoryTest extends LocalDynamoDbTestBase {
    private DynamoDbApplicationRepository repository;

    @BeforeEach
    void setUp() {
        repository = new DynamoDbApplicationRepository(client, table);
    }

    @Test
    void storesAndReadsBackEveryField() {
        Advice advice = new Advice(AdviceOutcome.POSITIVE, "Sterk plan; let op bereik", "d-advice", ADVISOR.id(),
                ADVISOR.name(), T0.plusSeconds(30));
        Decision decision = new Decision(DecisionOutcome.AWARD, YearAmounts.of(Map.of(2025, 500_000L, 2026, 400_000L)),
                "Rapporteer per aandachtspunt", "Past binnen de regeling", "u-min", "Mark Ministry", T0.plusSeconds(40),
                "u-min2", "Mira Ministry", T0.plusSeconds(50));
        Application app = new Application("a-1", GRONINGEN,
                new Plan("Plan met € en \"quotes\"", List.of(2025, 2026), List.of(
                        new Activity(AttentionPoint.VERBINDEN, "Netwerk", "Formeel en informeel",
                                YearAmounts.of(Map.of(2025, 1L, 2026, 9_999_999_999L))),
                        new Activity(AttentionPoint.VERSTERKEN, "Cursus", null, YearAmounts.EMPTY)),
                        new Contact("Gerda", "gerda@groningen.example")),
                Status.AWARDED, 7, T0, T0.plusSeconds(3600).plusNanos(123_456_000), T0.plusSeconds(60), "u-gron",
                advice, decision, T0.plusSeconds(20),
                new Settlement(List.of(new Settlement.Row(2025, 1L, 2L, 1L), new Settlement.Row(2026, 9_999_999_999L, 5L, 5L)),
                        10_000_000_000L, 6L, 9_999_999_994L, "m-1", "Min One", T0, "m-2", "Min Two", T0.plusSeconds(5)),
                java.time.LocalDate.of(2024, 3, 1), Map.of(2025, java.time.LocalDate.of(2026, 9, 1)));

        assertThat(repository.create(app, task(TaskType.REPORT, app, T0), event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT)))
                .isTrue();

        assertThat(repository.find("a-1")).contains(app);
        assertThat(repository.find("a-1").orElseThrow().awardedCents())
                .isEqualTo(YearAmounts.of(Map.of(2025, 500_000L, 2026, 400_000L)));
        assertThat(repository.find("nope")).isEmpty();
    }

    @Test
    void readsBackAProposedRejectionAndAnAdviceWithoutDocument() {
        Advice advice = new Advice(AdviceOutcome.NEGATIVE, "Te weinig onderbouwd", null, ADVISOR.id(), ADVISOR.name(),
                T0.plusSeconds(30));
        Decision proposed = new Decision(DecisionOutcome.REJECT, YearAmounts.EMPTY, null, "Buiten de regeling",
                "u-min", "Mark Ministry", T0.plusSeconds(40), null, null, null);
        Application app = new Application("a-3", ALMERE, Fixtures.plan(List.of(2026)), Status.DECISION_PROPOSED, 5,
                T0, T0.plusSeconds(40), T0.plusSeconds(10), "u-alm", advice, proposed, null, null, null, Map.of());
        repository.create(app, task(TaskType.APPROVE_DECISION, app, T0), event(MINISTRY, T0, "CREATED", null, null));

        Application found = repository.find("a-3").orElseThrow();
        assertThat(found).isEqualTo(app);
        assertThat(found.awardedCents()).isEqualTo(YearAmounts.EMPTY);
    }

    @Test
    void readsBackADraftWithoutContactActivitiesOrSubmission() {
        Application app = Application.draft("a-2", ALMERE, new Plan("Leeg", List.of(), List.of(), null), ALMERE_USER, T0);
        repository.create(app, task(TaskType.PREPARE, app, T0), event(ALMERE_USER, T0, "CREATED", null, Status.DRAFT));

        assertThat(repository.find("a-2")).contains(app);
    }

    @Test
    void createsOnceAndWritesNothingTheSecondTime() {
        Application app = draft("a-1", GRONINGEN, T0);
        assertThat(repository.create(app, task(TaskType.PREPARE, app, T0), event(GRONINGEN_USER, T0, "CREATED", null, Status.DRAFT)))
                .isTrue();

        Application other = draft("a-1", ALMERE, T0.plusSeconds(5));
        assertThat(repository.create(other, task(TaskType.PREPARE, other, T0), event(ALMERE_USER, T0, "CREATED", null, Status.DRAFT)))
                .isFalse();

        assertThat(repository.find("a-1")).contains(app);
        assertThat(repository.history("a-1")).hasSize(1);
        assertThat(repository.tasksFor(ALMERE_USER)).isEmpty();
    }

    @Test
    void appliesAChangeWithItsEventAndTasksInOneGo() {
        Application app = created(draft("a-1", GRONINGEN, T0));
        Instant t1 = T0.plusSeconds(600);
        Application inReview = app.moveTo(Status.IN_REVIEW, t1);
        Task review = new Task(Task.idOf("a-1", TaskType.REVIEW), TaskType.REVIEW, "a-1", GRONINGEN.code(), t1,
                LocalDate.parse("2025-04-01"), "Mantelzorg Groningen", "Groningen", null);

        repository.apply(new ApplicationChange("c-1", app, inReview,
                event(GRONINGEN_USER, t1, "SUBMITTED", Status.DRAFT, Status.IN_REVIEW),
                List.of(review), List.of(Task.idOf("a-1", TaskType.PREPARE))));

        assertThat(repository.find("a-1")).contains(inReview);
        assertThat(repository.tasksFor(GRONINGEN_USER)).isEmpty();
        assertThat(repository.tasksFor(ADVISOR)).containsExactly(review);
        assertThat(repository.tasksFor(MINISTRY)).isEmpty();
        assertThat(repository.history("a-1")).extracting(AuditEvent::action).containsExactly("CREATED", "SUBMITTED");
    }

    @Test
    void refusesAChangeMadeFromAStaleVersion() {
        Application app = created(draft("a-1", GRONINGEN, T0));
        Application edited = app.withPlan(Fixtures.plan(List.of(2025)), T0.plusSeconds(1));
        repository.apply(change("c-1", app, edited, List.of(), List.of()));

        Application stale = app.moveTo(Status.WITHDRAWN, T0.plusSeconds(2));
        assertThatThrownBy(() -> repository.apply(change("c-2", app, stale, List.of(),
                List.of(Task.idOf("a-1", TaskType.PREPARE)))))
                .isInstanceOf(ConcurrentChangeException.class);

        assertThat(repository.find("a-1")).contains(edited);
        assertThat(repository.history("a-1")).extracting(AuditEvent::action).containsExactly("CREATED", "c-1");
        assertThat(repository.tasksFor(GRONINGEN_USER)).extracting(Task::type).containsExactly(TaskType.PREPARE);
    }

    @Test
    void treatsARepeatOfAnAppliedChangeAsSuccessWithoutASecondEvent() {
        Application app = created(draft("a-1", GRONINGEN, T0));
        Application withdrawn = app.moveTo(Status.WITHDRAWN, T0.plusSeconds(1));
        ApplicationChange change = change("c-1", app, withdrawn, List.of(), List.of(Task.idOf("a-1", TaskType.PREPARE)));

        repository.apply(change);
        repository.apply(change);

        assertThat(repository.find("a-1")).contains(withdrawn);
        assertThat(repository.history("a-1")).extracting(AuditEvent::action).containsExactly("CREATED", "c-1");
    }

    @Test
    void letsExactlyOneOfManyConcurrentChangesFromTheSameVersionWin() throws Exception {
        Application app = created(draft("a-1", GRONINGEN, T0));
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            ApplicationChange change = change("c-" + i, app, app.withPlan(app.plan(), T0.plusSeconds(i + 1)), List.of(), List.of());
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    repository.apply(change);
                    return true;
                } catch (ConcurrentChangeException lost) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
            winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(repository.find("a-1")).get().extracting(Application::version).isEqualTo(2L);
        assertThat(repository.history("a-1")).hasSize(2);
    }

    @Test
    void refusesAChangeToAnApplicationThatDoesNotExist() {
        Application ghost = draft("ghost", GRONINGEN, T0);
        assertThatThrownBy(() -> repository.apply(change("c-1", ghost, ghost.moveTo(Status.WITHDRAWN, T0), List.of(), List.of())))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(repository.find("ghost")).isEmpty();
        assertThat(repository.history("ghost")).isEmpty();
    }

    @Test
    void showsTasksToTheirGroupOnlyOldestFirst() {
        Application gron = created(draft("a-gron", GRONINGEN, T0));
        Application alm = created(draft("a-alm", ALMERE, T0.plusSeconds(1)));
        Task decideLater = new Task("a-alm:DECIDE", TaskType.DECIDE, "a-alm", ALMERE.code(), T0.plusSeconds(20), null,
                null, null, null);
        Task decideEarlier = new Task("a-gron:DECIDE", TaskType.DECIDE, "a-gron", GRONINGEN.code(), T0.plusSeconds(10), null,
                null, null, null);
        repository.apply(change("c-alm", alm, alm.withPlan(alm.plan(), T0.plusSeconds(20)), List.of(decideLater), List.of()));
        repository.apply(change("c-gron", gron, gron.withPlan(gron.plan(), T0.plusSeconds(10)), List.of(decideEarlier), List.of()));

        assertThat(repository.tasksFor(MINISTRY)).containsExactly(decideEarlier, decideLater);
        assertThat(repository.tasksFor(GRONINGEN_USER)).extracting(Task::taskId).containsExactly("a-gron:PREPARE");
        assertThat(repository.tasksFor(ALMERE_USER)).extracting(Task::taskId).containsExactly("a-alm:PREPARE");
        assertThat(repository.tasksFor(ADVISOR)).isEmpty();
    }

    @Test
    void keepsATaskThatOneChangeBothClosesAndOpens() {
        Application app = created(draft("a-1", GRONINGEN, T0));
        Task prepareAgain = task(TaskType.PREPARE, app, T0.plusSeconds(5));
        repository.apply(change("c-1", app, app.withPlan(app.plan(), T0.plusSeconds(5)), List.of(prepareAgain),
                List.of(prepareAgain.taskId())));

        assertThat(repository.tasksFor(GRONINGEN_USER)).containsExactly(prepareAgain);
    }

    @Test
    void keepsHistoryOldestFirstAlsoForEventsAtTheSameInstant() {
        Application app = created(draft("a-1", GRONINGEN, T0));
        Instant later = T0.plusMillis(1500);
        repository.record("a-1", event(ADVISOR, later, "SECOND", null, null));
        repository.record("a-1", event(ADVISOR, later, "THIRD", null, null));
        repository.record("a-1", event(MINISTRY, T0.plusMillis(500), "FIRST", null, null));
        repository.record("a-1", event(ADVISOR, later, "FOURTH", null, null));

        List<AuditEvent> history = repository.history("a-1");

        assertThat(history).extracting(AuditEvent::action).containsExactly("CREATED", "FIRST", "SECOND", "THIRD", "FOURTH");
        assertThat(history.get(1)).isEqualTo(new AuditEvent(T0.plusMillis(500), MINISTRY.id(), MINISTRY.name(),
                Role.MINISTRY, "FIRST", null, null, Map.of("note", "first")));
        assertThat(history.get(0).toStatus()).isEqualTo(Status.DRAFT);
    }

    @Test
    void keepsDetailsAsTypedValuesAndReadsEventsWrittenAsTextBefore() {
        created(draft("a-1", GRONINGEN, T0));
        repository.record("a-1", AuditEvent.of(MINISTRY, T0.plusSeconds(1), "DECISION_PROPOSED", null, null, Map.of(
                "awardedCents", YearAmounts.of(Map.of(2025, 1_500_000L)), "late", true, "hours", 1.75, "year", 2025)));
        client.putItem(b -> b.tableName(table).item(Map.of(
                "PK", AttributeValue.fromS("APP#a-1"), "SK", AttributeValue.fromS("EVT#2025-03-01T09:00:09.000000000Z#0"),
                "type", AttributeValue.fromS("EVENT"), "at", AttributeValue.fromS(T0.plusSeconds(9).toString()),
                "actorId", AttributeValue.fromS("system"), "actorName", AttributeValue.fromS("SPUK workflow"),
                "role", AttributeValue.fromS("MINISTRY"), "action", AttributeValue.fromS("SETTLED"),
                "details", AttributeValue.fromM(Map.of(
                        "awardedCents", AttributeValue.fromS("{2025=1500000, 2026=20}"),
                        "reclaimCents", AttributeValue.fromS("200000"), "late", AttributeValue.fromS("false"),
                        "reason", AttributeValue.fromS("123"))))));

        List<AuditEvent> history = repository.history("a-1");

        assertThat(history.get(1).details()).containsEntry("awardedCents", Map.of("2025", 1_500_000L))
                .containsEntry("late", true).containsEntry("hours", new java.math.BigDecimal("1.75"))
                .containsEntry("year", 2025L);
        AuditEvent legacy = history.get(2);
        assertThat(legacy.details()).containsEntry("awardedCents", Map.of("2025", 1_500_000L, "2026", 20L))
                .containsEntry("reclaimCents", 200_000L).containsEntry("late", false).containsEntry("reason", "123");
        assertThat(legacy.actorName()).isEqualTo("workflow");
        assertThat(legacy.role()).isNull();
    }

    private Application created(Application app) {
        assertThat(repository.create(app, task(TaskType.PREPARE, app, app.createdAt()),
                event(GRONINGEN_USER, app.createdAt(), "CREATED", null, Status.DRAFT))).isTrue();
        return app;
    }

    private static Task task(TaskType type, Application app, Instant at) {
        return Task.open(type, app, at, null);
    }

    private static ApplicationChange change(String changeId, Application before, Application after, List<Task> open,
                                            List<String> close) {
        return new ApplicationChange(changeId, before, after, event(GRONINGEN_USER, after.updatedAt(), changeId, null, null),
                open, close);
    }
}
