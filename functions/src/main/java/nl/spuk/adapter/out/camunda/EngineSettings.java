package nl.spuk.adapter.out.camunda;

/**
 * Where the process engine keeps its state: an embedded H2 database on one machine, PostgreSQL in AWS.
 *
 * @param jdbcUrl the engine database's JDBC URL
 * @param user the database user
 * @param password the database password
 */
public record EngineSettings(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
        return "EngineSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
