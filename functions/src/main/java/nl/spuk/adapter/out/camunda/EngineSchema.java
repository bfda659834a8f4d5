package nl.spuk.adapter.out.camunda;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy's schema step (in AWS the function behind the stack's {@code EngineSchema} resource): makes the engine's
 * tables in PostgreSQL where they are missing and checks that they are this engine's version, so that the functions'
 * engines only check them when they boot ({@link EngineSettings.Schema#VERIFY}). Camunda's own schema operations do
 * the work: a short-lived engine configured as the functions' ones, with {@code databaseSchemaUpdate=true}, creates
 * what is missing; then Camunda's version check runs. Runs that overlap (a retried invocation, two stacks on one
 * database) take turns on a PostgreSQL advisory lock: the second waits for the first, then finds the tables there.
 *
 * <p>Camunda upgrades no schema by itself: tables of an older version fail the check, and Camunda's upgrade scripts
 * (in the engine's jar, {@code org/camunda/bpm/engine/db/upgrade/postgres_engine_*.sql}) must be run first.
 */
public final class EngineSchema {
    /** What the step found. */
    public enum Outcome {
        /** No engine tables: the step made them. */
        CREATED,
        /** The tables were there (made by an earlier or a concurrent run) and are this engine's version. */
        PRESENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineSchema.class);
    /** The advisory lock's key: a number no other code takes a lock on ("SPUKSCHM" in ASCII). */
    private static final long LOCK_KEY = 0x5350_554B_5343_484DL;
    /** How long a run waits for another's turn; well within the schema function's timeout. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(4);

    private EngineSchema() {
    }

    /**
     * Makes the tables where missing and checks their version, holding the lock meanwhile; {@code settings.schema()}
     * plays no part.
     */
    public static Outcome createOrCheck(EngineSettings settings) {
        try (ReopenablePool pool = new ReopenablePool(settings); Connection lockHolder = pool.getConnection()) {
            lock(lockHolder);
            try {
                boolean present = engineTablesPresent(lockHolder);
                SpukEngineConfiguration config = SpukEngine.configuration(pool,
                        ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
                ProcessEngine engine = config.buildProcessEngine();
                try {
                    config.getCommandExecutorTxRequired().execute(context -> {
                        context.getDbSqlSession().dbSchemaCheckVersion();
                        return null;
                    });
                } finally {
                    engine.close();
                }
                Outcome outcome = present ? Outcome.PRESENT : Outcome.CREATED;
                LOG.info("engine schema on {}: {}, version {}", settings.jdbcUrl(), outcome, ProcessEngine.VERSION);
                return outcome;
            } finally {
                unlock(lockHolder);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the engine schema step could not use " + settings.jdbcUrl(), e);
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET lock_timeout = " + LOCK_WAIT.toMillis());
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.executeQuery().close();
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("another engine schema step has held its lock for " + LOCK_WAIT.toMinutes()
                        + " minutes", e);
            }
            throw e;
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.executeQuery().close();
        }
    }

    /** Whether the table that holds the schema version exists, as the connection's search path finds tables. */
    private static boolean engineTablesPresent(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet table = s.executeQuery("SELECT to_regclass('act_ge_property') IS NOT NULL")) {
            table.next();
            return table.getBoolean(1);
        }
    }
}
