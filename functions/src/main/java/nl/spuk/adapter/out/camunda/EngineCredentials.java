package nl.spuk.adapter.out.camunda;

/**
 * Where the engine's database login is kept: plain settings on one machine, a Secrets Manager secret in AWS, where the
 * password rotates. The engine's pool reads it for its first connection and keeps it; it reads it again only when the
 * database refuses the login it kept ({@link LoginDataSource}).
 */
@FunctionalInterface
public interface EngineCredentials {

    /** The login as it is kept now. */
    Login read();

    /** A login that never changes (local mode, tests). */
    static EngineCredentials fixed(String user, String password) {
        Login login = new Login(user, password);
        return () -> login;
    }

    /** A database user and its password; the password stays out of the text form, so out of logs and exceptions. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }
}
