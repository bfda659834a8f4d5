package nl.spuk.adapter.out.camunda;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The engine's database connections: a HikariCP pool that can be closed before a SnapStart checkpoint and opened
 * again after a restore. The engine keeps this data source for its lifetime, so closing and reopening the pool
 * underneath it needs no new engine. While closed, asking for a connection fails. The pool opens its connections
 * through a {@link LoginDataSource}, which keeps the login across a reopen and reads it again when it is refused.
 */
final class ReopenablePool implements DataSource, AutoCloseable {
    private final LoginDataSource logins;
    private volatile HikariDataSource pool;

    ReopenablePool(EngineSettings settings) {
        this.logins = new LoginDataSource(settings.jdbcUrl(), settings.credentials());
        this.pool = open(logins);
    }

    private static HikariDataSource open(LoginDataSource logins) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("spuk-engine");
        config.setDataSource(logins);
        // a Lambda container serves one request at a time; a few connections also cover local mode's threads
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** Closes every connection (a snapshot must hold no sockets); {@link #reopen} brings the pool back. */
    synchronized void suspend() {
        pool.close();
    }

    /** Opens a fresh pool if the current one was closed. */
    synchronized void reopen() {
        if (pool.isClosed()) {
            pool = open(logins);
        }
    }

    boolean isOpen() {
        return !pool.isClosed();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("HikariCP logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }

    @Override
    public synchronized void close() {
        pool.close();
    }
}
