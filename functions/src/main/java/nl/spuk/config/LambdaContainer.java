package nl.spuk.config;

import java.time.Clock;
import java.util.List;
import nl.spuk.adapter.out.s3.S3Clients;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A Lambda container's components, for the handlers' no-arg constructors (the Lambda runtime makes handlers with
 * those): wired from the environment on first use, once per container; local mode installs its own instead. The
 * AWS clients run on HTTP clients that the SnapStart hooks close before the checkpoint and reopen after the restore,
 * and a function given the engine's database ({@code SPUK_ENGINE_JDBC_URL}: those that move processes) boots the
 * engine while the rest is built.
 */
public final class LambdaContainer implements Resource, AutoCloseable {
    private static volatile Components installed;
    /** CRaC holds its resources weakly: this keeps the container's hooks alive. */
    private static volatile LambdaContainer registered;

    private final Components components;
    private final ReopenableHttpClient dynamoHttp;
    private final ReopenableHttpClient s3Http;

    private LambdaContainer(Settings settings, Clock workflowClock, boolean movesProcesses) {
        this.dynamoHttp = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        this.s3Http = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        var dynamo = DynamoDbClient.builder().httpClient(dynamoHttp).region(Region.of(settings.region()));
        settings.dynamoDbEndpoint().ifPresent(dynamo::endpointOverride);
        this.components = new Components(settings, workflowClock, new Components.Clients(dynamo.build(),
                S3Clients.client(settings.region(), settings.s3Endpoint(), null, List.of(), s3Http),
                S3Clients.presigner(settings.region(), settings.s3Endpoint())));
        if (movesProcesses) {
            components.prepareToMoveProcesses();
        }
    }

    /**
     * The container's wiring from the given settings, with its SnapStart hooks (which the caller registers).
     *
     * @param movesProcesses whether to boot the engine and build the process steps now
     */
    public static LambdaContainer create(Settings settings, Clock workflowClock, boolean movesProcesses) {
        return new LambdaContainer(settings, workflowClock, movesProcesses);
    }

    /** The components of this JVM: those installed, else the container's, wired from the environment on first use. */
    public static Components components() {
        Components c = installed;
        if (c == null) {
            synchronized (LambdaContainer.class) {
                if (installed == null) {
                    LambdaContainer container = create(Settings.fromEnvironment(), Clock.systemUTC(),
                            System.getenv(Settings.ENGINE_JDBC_URL) != null);
                    Core.getGlobalContext().register(container);
                    registered = container;
                    installed = container.components;
                }
                c = installed;
            }
        }
        return c;
    }

    /** Makes these the components every handler's no-arg constructor uses (local mode and tests). */
    public static synchronized void install(Components components) {
        installed = components;
    }

    public Components wired() {
        return components;
    }

    /**
     * Before a SnapStart checkpoint: waits for an engine boot under way, then closes the engine's database connections
     * and the AWS clients' HTTP connections.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        components.engine().beforeCheckpoint(context);
        s3Http.suspend();
        dynamoHttp.suspend();
    }

    /** After a SnapStart restore: opens the connections again (the engine stays booted). */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        dynamoHttp.reopen();
        s3Http.reopen();
        components.engine().afterRestore(context);
    }

    @Override
    public void close() {
        components.close();
        dynamoHttp.close();
        s3Http.close();
    }
}
