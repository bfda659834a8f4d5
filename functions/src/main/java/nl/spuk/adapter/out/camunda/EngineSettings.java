package nl.spuk.adapter.out.camunda;

import java.util.Objects;

/**
 * Where the process engine keeps its state: an embedded H2 database on one machine, PostgreSQL in AWS.
 *
 * @param jdbcUrl the engine database's JDBC URL
 * @param credentials where the database login is kept
 * @param schema what a boot does with the engine's tables
 */
public record EngineSettings(String jdbcUrl, EngineCredentials credentials, Schema schema) {

    /** What a boot does with the engine's tables. */
    public enum Schema {
        /** Creates those that are missing: local mode and tests, where one engine has the database to itself. */
        CREATE,
        /**
         * Only checks that they are there, in this engine's version: in AWS, where the deploy's schema step made them
         * ({@link EngineSchema}) and several functions boot engines on one database at once.
         */
        VERIFY
    }

    public EngineSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(schema, "schema");
    }

    /** A fixed login, and a boot that creates the tables (local mode, tests). */
    public EngineSettings(String jdbcUrl, String user, String password) {
        this(jdbcUrl, EngineCredentials.fixed(user, password), Schema.CREATE);
    }

    @Override
    public String toString() {
        return "EngineSettings[jdbcUrl=" + jdbcUrl + ", schema=" + schema + "]";
    }
}
