package nl.spuk.bench.child;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import nl.spuk.config.LambdaContainer;
import nl.spuk.config.Settings;

/**
 * One cold start, as a fresh Lambda container does it: the handler class built through its no-arg constructor
 * (wiring from the environment), then one API Gateway event. Prints {@code ANSWER <status> <init ms> <handle ms>}
 * and exits; the driver times the process from its start to that line.
 *
 * <p>Arguments: handler class, route key, raw path, the {@code id} path parameter ("-" for none), the caller's
 * role and municipality ("-" for none). With {@code -Dbench.engineBoot=lazy} the container is wired without the
 * background engine boot (the engine then boots in the request).
 */
public final class LambdaChild {
    private LambdaChild() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        if ("lazy".equals(System.getProperty("bench.engineBoot"))) {
            LambdaContainer.install(LambdaContainer.create(Settings.fromEnvironment(), Clock.systemUTC(), false).wired());
        }
        @SuppressWarnings("unchecked")
        var handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        Map<String, String> pathParameters = args[3].equals("-") ? Map.of() : Map.of("id", args[3]);
        APIGatewayV2HTTPEvent event = Events.api(args[1], args[2], pathParameters,
                Events.claims("cold-start-user", args[4], args[5].equals("-") ? null : args[5]), null, Map.of());
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = System.nanoTime();
        int status = response.getStatusCode();
        System.out.println("ANSWER " + status + " " + (constructed - started) / 1_000_000 + " " + (answered - constructed) / 1_000_000
                + (status >= 300 ? " " + String.valueOf(response.getBody()).replace('\n', ' ') : ""));
        System.out.flush();
        System.exit(0);
    }
}
