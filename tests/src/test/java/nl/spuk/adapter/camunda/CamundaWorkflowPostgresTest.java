package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.in.workflow.ProcessBeans;
import nl.spuk.adapter.out.camunda.CamundaWorkflow;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.application.StepContext;
import nl.spuk.application.fakes.TestClock;
import nl.spuk.domain.TaskType;
import nl.spuk.process.MockSteps;
import nl.spuk.process.StepInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The workflow adapter on PostgreSQL, the engine database in AWS: a real server from embedded binaries. */
class CamundaWorkflowPostgresTest extends CamundaWorkflowContract {
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres postgres;

    @BeforeAll
    void startPostgres() throws Exception {
        long started = System.nanoTime();
        postgres = EmbeddedPostgres.start();
        System.out.printf("embedded PostgreSQL started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    void stopPostgres() throws Exception {
        closeWorkflow();
        postgres.close();
    }

    @Override
    EngineSettings newDatabase() throws Exception {
        String name = "engine" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new EngineSettings(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /**
     * Two runners of due jobs on one engine database, each with an engine of its own, as two Lambda ticks that
     * overlap: started together on the same due timers, they run each job once between them, lose no retry to the
     * other's work (no "No job found", no lost optimistic lock) and leave no job locked; jobs not yet due stay as they were.
     */
    @Test
    void twoRunnersOnOneDatabaseRunEveryDueJobOnce() throws Exception {
        EngineSettings database = newDatabase();
        TestClock raceClock = new TestClock(Instant.parse("2032-03-01T10:00:00Z"));
        Map<String, AtomicInteger> runsPerJob = new ConcurrentHashMap<>();
        ProcessBeans firstSteps = countingEscalations(runsPerJob);
        ProcessBeans secondSteps = countingEscalations(runsPerJob);
        ListAppender<ILoggingEvent> log = captureLog();
        try (CamundaWorkflow first = new CamundaWorkflow(database, firstSteps, raceClock);
             CamundaWorkflow second = new CamundaWorkflow(database, secondSteps, raceClock)) {
            List<String> due = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                due.add(inReview(first));
            }
            raceClock.set(Instant.parse("2032-03-20T10:00:00Z"));
            for (int i = 0; i < 3; i++) {
                inReview(first);
            }
            assertThat(second.runDueJobs()).as("booting the second engine: nothing due yet").isZero();

            // the first 40 are due 12 April: overdue from 13 April, 00:00 in Amsterdam; the later 3 not yet
            raceClock.set(Instant.parse("2032-04-12T22:00:00Z"));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService runners = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> firstRan = runners.submit(() -> {
                    start.await();
                    return first.runDueJobs();
                });
                Future<Integer> secondRan = runners.submit(() -> {
                    start.await();
                    return second.runDueJobs();
                });
                start.countDown();
                System.out.printf("two runners: %d and %d jobs%n", firstRan.get(), secondRan.get());
                assertThat(firstRan.get() + secondRan.get()).as("jobs run between them").isEqualTo(due.size());
                assertThat(List.of(firstRan.get(), secondRan.get())).as("both took part").allMatch(ran -> ran > 0);
            } finally {
                runners.shutdownNow();
            }

            assertThat(runsPerJob).as("escalations per job").hasSize(due.size())
                    .allSatisfy((job, runs) -> assertThat(runs.get()).as(job).isEqualTo(1));
            assertThat(log.list).as("failed jobs logged").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
            assertThat(count(database, "SELECT COUNT(*) FROM ACT_RU_JOB")).as("jobs not yet due").isEqualTo(3);
            assertThat(count(database, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL"
                    + " OR RETRIES_ < 3 OR EXCEPTION_MSG_ IS NOT NULL")).as("jobs locked, failed or with retries spent").isZero();
            assertThat(first.runDueJobs() + second.runDueJobs()).isZero();
        } finally {
            ((Logger) LoggerFactory.getLogger(CamundaWorkflow.class)).detachAppender(log);
        }
    }

    /** A started application whose process waits in review, with its 42-day escalation timer. */
    private static String inReview(CamundaWorkflow workflow) {
        String id = newApplicationId();
        workflow.start(id);
        workflow.complete(StepInputs.command(id, MUNICIPALITY, Map.of()), TaskType.PREPARE, Map.of());
        return id;
    }

    /** Mocked steps whose escalation takes a moment, as a DynamoDB write does, and counts its runs per timer job. */
    private static ProcessBeans countingEscalations(Map<String, AtomicInteger> runsPerJob) {
        ProcessBeans steps = MockSteps.mocks();
        doAnswer(call -> {
            StepContext step = call.getArgument(0);
            runsPerJob.computeIfAbsent(step.changeId(), job -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(10);
            return null;
        }).when(steps.review()).escalate(any());
        return steps;
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(CamundaWorkflow.class)).addAppender(appender);
        return appender;
    }

    private static long count(EngineSettings database, String sql) throws Exception {
        EngineCredentials.Login login = database.credentials().read();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), login.user(), login.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
