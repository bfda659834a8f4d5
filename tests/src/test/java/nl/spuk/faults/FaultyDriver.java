package nl.spuk.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A JDBC driver for URLs {@code jdbc:faulty:<real URL>} that hands out the real driver's connections wrapped, so the
 * {@link FaultPlan} numbers every statement the engine executes and every commit, and fails the armed one: a
 * statement before it runs, a commit before it happens ({@link FaultPlan.Phase#BEFORE}) or after it happened, its
 * answer lost ({@link FaultPlan.Phase#AFTER}, as when the connection to PostgreSQL drops during a commit).
 */
final class FaultyDriver implements Driver {
    static final String PREFIX = "jdbc:faulty:";
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final Set<String> MAKING_STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");
    private static volatile FaultPlan plan;

    private FaultyDriver() {
    }

    /** Registers the driver once per JVM and points it at this plan. */
    static synchronized void install(FaultPlan faultPlan) {
        if (plan == null) {
            try {
                DriverManager.registerDriver(new FaultyDriver());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        plan = faultPlan;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection(url.substring(PREFIX.length()), info);
        return wrap(Connection.class, real);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static <T> T wrap(Class<T> type, T real) {
        return type.cast(Proxy.newProxyInstance(FaultyDriver.class.getClassLoader(), new Class<?>[] {type},
                new Counting(real)));
    }

    /** Passes every call on; numbers statements run and commits, failing the armed one. */
    private record Counting(Object real) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean commit = real instanceof Connection && name.equals("commit");
            FaultPlan.Call call = null;
            if (commit) {
                call = plan.enter(FaultPlan.Kind.COMMIT, "jdbc.commit");
            } else if (real instanceof Statement && EXECUTING.contains(name)) {
                call = plan.enter(FaultPlan.Kind.SQL, "jdbc." + name);
            }
            if (plan.fails(call, FaultPlan.Phase.BEFORE)) {
                throw new SQLException("injected fault: " + call + " not run", "HY000");
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (plan.fails(call, FaultPlan.Phase.AFTER)) {
                throw new SQLException("injected fault: the answer to " + call + " was lost", "HY000");
            }
            if (real instanceof Connection && MAKING_STATEMENTS.contains(name)) {
                return statement(result);
            }
            return result;
        }

        private static Object statement(Object made) {
            if (made instanceof CallableStatement c) {
                return wrap(CallableStatement.class, c);
            }
            if (made instanceof PreparedStatement p) {
                return wrap(PreparedStatement.class, p);
            }
            return wrap(Statement.class, (Statement) made);
        }
    }
}
