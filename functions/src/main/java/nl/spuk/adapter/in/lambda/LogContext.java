package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The fields every log line of one handler invocation carries: {@code requestId} and {@code function}, and what a
 * handler adds with {@link #with} ({@code route}, {@code applicationId}). They are set on the invoking thread when the
 * invocation starts and removed when it ends, so the lines that the use cases, the engine and the stores write on
 * that thread carry them too. Use it in try-with-resources around the whole invocation:
 *
 * <pre>{@code
 * try (LogContext logContext = LogContext.open(context, this)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Only the log encoder reads these fields (Logback's MDC); a command's own data travels as arguments.
 */
public final class LogContext implements AutoCloseable {
    static final String REQUEST_ID = "requestId";
    static final String FUNCTION = "function";
    static final String ROUTE = "route";
    static final String APPLICATION_ID = "applicationId";
    static final String NOTIFICATION_ID = "notificationId";

    /** Set by the Lambda runtime; read when a caller passes no {@link Context} (a benchmark's or a test's call). */
    private static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

    /** The caller's own fields (a local server's thread, a test's), restored when the invocation ends. */
    private final Map<String, String> before;

    private LogContext(Map<String, String> before) {
        this.before = before;
    }

    /**
     * Opens the log context of an invocation whose request id the handler knows.
     *
     * @param context the Lambda context, or null; its function name names the function
     * @param handler the handler; its simple class name names the function when neither the context nor the
     *                environment does
     */
    public static LogContext open(String requestId, Context context, Object handler) {
        LogContext logContext = new LogContext(MDC.getCopyOfContextMap());
        MDC.put(REQUEST_ID, requestId);
        MDC.put(FUNCTION, functionName(context, handler));
        return logContext;
    }

    /** Opens the log context of an invocation identified by the Lambda request id (a new one without a context). */
    public static LogContext open(Context context, Object handler) {
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        return open(requestId, context, handler);
    }

    /** Adds a field to every line until the invocation ends; a null value adds nothing. */
    public LogContext with(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
        return this;
    }

    @Override
    public void close() {
        if (before == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(before);
        }
    }

    private static String functionName(Context context, Object handler) {
        if (context != null && context.getFunctionName() != null && !context.getFunctionName().isBlank()) {
            return context.getFunctionName();
        }
        String variable = System.getenv(FUNCTION_NAME_VARIABLE);
        return variable != null && !variable.isBlank() ? variable : handler.getClass().getSimpleName();
    }
}
