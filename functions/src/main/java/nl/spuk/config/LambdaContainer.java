package nl.spuk.config;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import nl.spuk.adapter.in.lambda.EngineSchemaHandler;
import nl.spuk.adapter.out.camunda.EngineCredentials;
import nl.spuk.adapter.out.camunda.EngineSchema;
import nl.spuk.adapter.out.camunda.EngineSettings;
import nl.spuk.adapter.out.s3.S3Clients;
import nl.spuk.adapter.out.secrets.SecretsManagerEngineCredentials;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Lambda container's components, for the handlers' no-arg constructors (the Lambda runtime makes handlers with
 * those): wired from the environment on first use, once per container; local mode installs its own instead. The
 * AWS clients run on HTTP clients that the SnapStart hooks close before the checkpoint and reopen after the restore,
 * and a function given the engine's database ({@code SPUK_ENGINE_JDBC_URL}: those that move processes) boots the
 * engine while the rest is built. In AWS the engine's login comes from Secrets Manager
 * ({@code SPUK_ENGINE_DB_SECRET_ARN}).
 */
public final class LambdaContainer implements Resource, AutoCloseable {
    private static volatile Components installed;
    /** CRaC holds its resources weakly: this keeps the container's hooks alive. */
    private static volatile LambdaContainer registered;

    private final Components components;
    private final ReopenableHttpClient dynamoHttp;
    private final ReopenableHttpClient s3Http;
    private final ReopenableHttpClient secretsHttp;

    private LambdaContainer(Settings settings, Clock workflowClock, boolean movesProcesses) {
        this.dynamoHttp = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        this.s3Http = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        this.secretsHttp = new ReopenableHttpClient(UrlConnectionHttpClient::create);
        var dynamo = DynamoDbClient.builder().httpClient(dynamoHttp).region(Region.of(settings.region()));
        settings.dynamoDbEndpoint().ifPresent(dynamo::endpointOverride);
        this.components = new Components(settings, workflowClock, new Components.Clients(dynamo.build(),
                S3Clients.client(settings.region(), settings.s3Endpoint(), null, List.of(), s3Http),
                S3Clients.presigner(settings.region(), settings.s3Endpoint())), engineCredentials(settings, secretsHttp),
                MailSettings.fromEnvironment());
        if (movesProcesses) {
            components.prepareToMoveProcesses();
        }
    }

    /** The engine database's login: from the secret where the settings name one, else their plain user and password. */
    private static EngineCredentials engineCredentials(Settings settings, SdkHttpClient http) {
        return settings.engineDbSecretArn()
                .<EngineCredentials>map(arn -> new SecretsManagerEngineCredentials(SecretsManagerClient.builder()
                        .httpClient(http).region(Region.of(settings.region())).build(), arn))
                .orElseGet(() -> EngineCredentials.fixed(settings.engineJdbcUser(), settings.engineJdbcPassword()));
    }

    /**
     * The deploy's schema step on the engine database the environment names, for the schema function (a custom
     * resource without SnapStart, so its clients need no hooks); says what it found.
     */
    public static EngineSchemaHandler.SchemaStep engineSchemaStep() {
        Settings settings = Settings.fromEnvironment();
        EngineSettings database = new EngineSettings(settings.engineJdbcUrl(),
                engineCredentials(settings, UrlConnectionHttpClient.create()), EngineSettings.Schema.CREATE);
        return () -> "engine schema " + EngineSchema.createOrCheck(database).name().toLowerCase(Locale.ROOT);
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
     * Before a SnapStart checkpoint: waits for an engine boot under way (which may read the secret), then closes the
     * engine's database connections and the AWS clients' HTTP connections. Neither needs the database: a boot that
     * failed is left to the first request.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        components.engine().beforeCheckpoint(context);
        secretsHttp.suspend();
        s3Http.suspend();
        dynamoHttp.suspend();
    }

    /** After a SnapStart restore: opens the connections again (the engine stays booted, if it was). */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        dynamoHttp.reopen();
        s3Http.reopen();
        // before the engine's pool: a login rotated since the snapshot is read again through it
        secretsHttp.reopen();
        components.engine().afterRestore(context);
    }

    @Override
    public void close() {
        components.close();
        dynamoHttp.close();
        s3Http.close();
        secretsHttp.close();
    }
}
