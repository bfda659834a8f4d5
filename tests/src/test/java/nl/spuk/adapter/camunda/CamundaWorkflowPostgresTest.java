package nl.spuk.adapter.camunda;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import nl.spuk.adapter.out.camunda.EngineSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
