package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function of the template, its handler class instantiated once through its public no-arg constructor as
 * the Lambda runtime does per container. Unlike a container, it is called from several threads at once.
 */
final class LocalFunction {
    /** Lambda's own limit; handlers read it through {@link Context#getRemainingTimeInMillis()}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(29);
    private static final int MEMORY_MB = 2048;

    private final String name;
    private final String handlerClass;
    private final RequestHandler<Object, Object> handler;

    private LocalFunction(String name, String handlerClass, RequestHandler<Object, Object> handler) {
        this.name = name;
        this.handlerClass = handlerClass;
        this.handler = handler;
    }

    @SuppressWarnings("unchecked")
    static LocalFunction instantiate(String functionName, String handlerClass) {
        Object instance;
        try {
            instance = Class.forName(handlerClass).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the handler " + handlerClass + " of " + functionName + " failed to start",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the handler " + handlerClass + " of " + functionName
                    + " is missing or has no public no-arg constructor", e);
        }
        if (!(instance instanceof RequestHandler<?, ?> handler)) {
            throw new IllegalStateException(handlerClass + " does not implement RequestHandler");
        }
        return new LocalFunction(functionName, handlerClass, (RequestHandler<Object, Object>) handler);
    }

    String name() {
        return name;
    }

    Object invoke(Object event, String requestId) {
        return handler.handleRequest(event, new LocalContext(requestId, System.nanoTime() + TIMEOUT.toNanos()));
    }

    private final class LocalContext implements Context {
        private final String requestId;
        private final long deadlineNanos;
        private final LambdaLogger logger = new Slf4jLambdaLogger(LoggerFactory.getLogger(handlerClass));

        LocalContext(String requestId, long deadlineNanos) {
            this.requestId = requestId;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + name;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return name;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:" + name;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
        }

        @Override
        public int getMemoryLimitInMB() {
            return MEMORY_MB;
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }
    }

    private record Slf4jLambdaLogger(Logger log) implements LambdaLogger {
        @Override
        public void log(String message) {
            log.info(message);
        }

        @Override
        public void log(byte[] message) {
            log.info(new String(message, StandardCharsets.UTF_8));
        }
    }
}
