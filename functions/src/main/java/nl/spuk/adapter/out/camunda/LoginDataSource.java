package nl.spuk.adapter.out.camunda;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import nl.spuk.adapter.out.camunda.EngineCredentials.Login;
import org.slf4j.LoggerFactory;

/**
 * The engine's physical connections, each opened with the login its {@link EngineCredentials} keep: read for the
 * first connection and kept, so opening a connection costs no call to where the login is kept. When the database
 * refuses the kept login (its password was rotated), the login is read again and tried once more. The pool
 * ({@link ReopenablePool}) asks this for every connection it opens.
 */
final class LoginDataSource implements DataSource {
    /** PostgreSQL's invalid_password and invalid_authorization_specification: the login was refused. */
    private static final Set<String> LOGIN_REFUSED = Set.of("28P01", "28000");
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LoginDataSource.class);

    private final String jdbcUrl;
    private final EngineCredentials credentials;
    private Login kept;

    LoginDataSource(String jdbcUrl, EngineCredentials credentials) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Login login = kept();
        try {
            return DriverManager.getConnection(jdbcUrl, login.user(), login.password());
        } catch (SQLException e) {
            if (!LOGIN_REFUSED.contains(e.getSQLState())) {
                throw e;
            }
            Login readAgain = readAgainAfter(login);
            LOG.info("the engine database refused the login of {} ({}); trying the login as it is kept now, of {}",
                    login.user(), e.getSQLState(), readAgain.user());
            return DriverManager.getConnection(jdbcUrl, readAgain.user(), readAgain.password());
        }
    }

    private synchronized Login kept() {
        if (kept == null) {
            kept = credentials.read();
        }
        return kept;
    }

    /** The login read again, unless another connection read it since this one's was refused. */
    private synchronized Login readAgainAfter(Login refused) {
        if (kept == refused) {
            kept = credentials.read();
        }
        return kept;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the engine's connections use the login its credentials keep");
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        DriverManager.setLogWriter(out);
    }

    /** As HikariCP's own data source for a JDBC URL: the driver manager's timeout. */
    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
