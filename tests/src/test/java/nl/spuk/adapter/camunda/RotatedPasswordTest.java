package nl.spuk.adapter.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.camunda.SpukEngine;
import nl.spuk.process.MockSteps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's pool on a PostgreSQL server that checks passwords, with a secret that rotates: the pool reads the
 * login once for all its connections, and when the server refuses it (28P01) reads it again once and goes on. A login
 * still refused after that fails the connection rather than asking again and again.
 */
class RotatedPasswordTest {
    private static final String USER = "spuk_engine";
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgresThatChecksPasswords() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " PASSWORD 'first-password'");
            s.execute("CREATE DATABASE rotated OWNER " + USER);
            // the embedded server trusts every login; from here on, only the superuser that sets passwords is trusted
            String hbaFile;
            try (ResultSet hba = s.executeQuery("SHOW hba_file")) {
                hba.next();
                hbaFile = hba.getString(1);
            }
            Files.writeString(Path.of(hbaFile), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void aRotatedPasswordIsReadAgainWhenTheServerRefusesTheOldOne() throws Exception {
        AtomicReference<String> secret = new AtomicReference<>("first-password");
        AtomicInteger reads = new AtomicInteger();
        EngineCredentials rotatingSecret = () -> {
            reads.incrementAndGet();
            return new EngineCredentials.Login(USER, secret.get());
        };

        try (SpukEngine engine = SpukEngine.boot(settings(rotatingSecret), new HashMap<>(MockSteps.mocks().byName()))) {
            assertThat(reads).as("one read for all the boot's connections").hasValue(1);

            rotate("second-password");
            secret.set("second-password");
            // open connections keep working; new ones meet the new password (here: the pool reopened, as after a restore)
            engine.suspend();
            engine.resume();

            assertThat(engine.processEngine().getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
            assertThat(reads).as("the refused login read again, once").hasValue(2);
        }
    }

    @Test
    void aLoginStillRefusedAfterReadingItAgainFailsTheConnection() {
        AtomicInteger reads = new AtomicInteger();
        EngineCredentials staleSecret = () -> {
            reads.incrementAndGet();
            return new EngineCredentials.Login(USER, "an-old-password");
        };

        assertThatThrownBy(() -> SpukEngine.boot(settings(staleSecret), new HashMap<>()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28P01"));
        assertThat(reads).hasValue(2);
    }

    private static EngineSettings settings(EngineCredentials credentials) {
        return new EngineSettings(postgres.getJdbcUrl(USER, "rotated"), credentials, EngineSettings.Schema.CREATE);
    }

    private static void rotate(String password) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
