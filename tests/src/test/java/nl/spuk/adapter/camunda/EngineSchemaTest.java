package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.camunda.EngineSchema;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.process.MockSteps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deploy's schema step on PostgreSQL, the engine database in AWS: runs at once on an empty database take turns,
 * one makes the tables and the other finds them, and the functions' engines then boot on them without making any.
 */
class EngineSchemaTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void twoRunsAtOnceOnAnEmptyDatabaseBothSucceedOneMakingTheTablesThenEnginesBootWithoutMakingAny() throws Exception {
        EngineSettings database = newDatabase("schema_twice");
        // what the functions do in AWS: an engine that only checks the tables refuses a database without them
        assertThatThrownBy(() -> SpukEngine.boot(database, beans())).hasMessageContaining("no Camunda tables");
        assertThat(CamundaWorkflowContract.engineTables(database)).isZero();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService runners = Executors.newFixedThreadPool(2);
        List<EngineSchema.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<EngineSchema.Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(runners.submit(() -> {
                    together.await();
                    return EngineSchema.createOrCheck(database);
                }));
            }
            for (Future<EngineSchema.Outcome> run : runs) {
                outcomes.add(run.get(3, TimeUnit.MINUTES));
            }
        } finally {
            runners.shutdownNow();
        }

        assertThat(outcomes).containsExactlyInAnyOrder(EngineSchema.Outcome.CREATED, EngineSchema.Outcome.PRESENT);
        int tables = CamundaWorkflowContract.engineTables(database);
        assertThat(tables).isGreaterThan(30);
        try (SpukEngine first = SpukEngine.boot(database, beans()); SpukEngine second = SpukEngine.boot(database, beans())) {
            assertThat(first.processEngine().getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(SpukEngine.PROCESS_KEY).count()).isEqualTo(1);
            assertThat(second.processEngine().getRuntimeService().createProcessInstanceQuery().count()).isZero();
        }
        assertThat(CamundaWorkflowContract.engineTables(database)).isEqualTo(tables);
        assertThat(EngineSchema.createOrCheck(database)).isEqualTo(EngineSchema.Outcome.PRESENT);
    }

    @Test
    void tablesOfAnotherVersionFailTheStepAndTheBoot() throws Exception {
        EngineSettings database = newDatabase("schema_older");
        assertThat(EngineSchema.createOrCheck(database)).isEqualTo(EngineSchema.Outcome.CREATED);
        try (Connection c = postgres.getDatabase("postgres", "schema_older").getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE act_ge_property SET value_ = '7.23.0' WHERE name_ = 'schema.version'");
        }

        assertThatThrownBy(() -> EngineSchema.createOrCheck(database)).hasMessageContaining("7.23.0");
        assertThatThrownBy(() -> SpukEngine.boot(database, beans())).hasMessageContaining("7.23.0");
    }

    /** An empty database, and settings whose engines only check the tables, as the functions' in AWS. */
    private static EngineSettings newDatabase(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new EngineSettings(postgres.getJdbcUrl("postgres", name), EngineCredentials.fixed("postgres", "postgres"),
                EngineSettings.Schema.VERIFY);
    }

    private static HashMap<Object, Object> beans() {
        return new HashMap<>(MockSteps.mocks().byName());
    }
}
